/** Assembles the HTTP application: middleware, API routes, the collab endpoint, the client. */
import './compat.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { createNodeWebSocket } from '@hono/node-ws';
import { COLLAB_PATH, isAppRoute, Limits, PREVIEW_PATH } from '@copydesk/shared';
import { accessRequestListRoutes, accessRoutes } from './articles/access-request-routes.js';
import { articleRoutes } from './articles/routes.js';
import { sectionRoutes } from './articles/section-routes.js';
import { commentRoutes } from './articles/comment-routes.js';
import { versionRoutes } from './articles/version-routes.js';
import { workflowRoutes } from './articles/workflow-routes.js';
import { eventRoutes } from './events/routes.js';
import { feedRoutes } from './publish/feeds.js';
import { publicRoutes, revisionRoutes } from './publish/routes.js';
import { readerRoutes } from './publish/reader-routes.js';
import { deliveryRoutes, webhookRoutes } from './webhooks/routes.js';
import { requireUser, sessionLoader } from './auth/middleware.js';
import { authRoutes } from './auth/routes.js';
import { userRoutes } from './auth/user-routes.js';
import { peopleRoutes } from './auth/people-routes.js';
import { limitBody } from './http/body-limit.js';
import { originGuard } from './http/origin.js';
import { collabRoutes } from './collab/route.js';
import { metricsRoutes } from './monitoring/routes.js';
import { errors } from './errors.js';
import { errorResponse } from './http/error-response.js';
import type { AppContext, AppEnv } from './http/context.js';

export function createApp(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // Frames over the limit are refused by ws itself, closing that socket with 1009.
  wss.options.maxPayload = Limits.maxMessageBytes;

  app.use(async (c, next) => {
    c.set('ctx', ctx);
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.use(originGuard());
  // Before the session is loaded: an oversized body is refused before any work is done for it.
  // Sign-in and setup take a few hundred bytes and are open to anyone, so their limit is small.
  const { bodyLimits } = ctx.config;
  app.use('/api/auth/*', limitBody(bodyLimits.auth));
  app.use('/api/setup', limitBody(bodyLimits.auth));
  app.use('/api/*', limitBody(bodyLimits.json));
  app.use('/api/*', sessionLoader());
  app.use(`${COLLAB_PATH}/*`, sessionLoader());
  app.use(`${PREVIEW_PATH}/*`, sessionLoader());
  app.use('/api/articles/*', requireUser());
  app.use('/api/events', requireUser());
  app.use('/api/sections/*', requireUser());

  app
    .get('/healthz', (c) => c.json({ ok: true, documents: ctx.collab.rooms.size, connections: ctx.collab.connectionCount }))
    .route('/api', authRoutes())
    .route('/api/users', userRoutes())
    .route('/api/people', peopleRoutes())
    .route('/api/articles', articleRoutes())
    .route('/api/articles', workflowRoutes())
    .route('/api/articles', versionRoutes())
    .route('/api/articles', commentRoutes())
    .route('/api/articles', revisionRoutes())
    .route('/api/sections', sectionRoutes())
    .route('/api/articles', accessRoutes())
    .route('/api/access-requests', accessRequestListRoutes())
    .route('/api/events', eventRoutes())
    .route('/api/webhooks', webhookRoutes())
    .route('/api/deliveries', deliveryRoutes())
    .route('/api/public', publicRoutes())
    .route('/', feedRoutes())
    .route('/', metricsRoutes())
    .route(COLLAB_PATH, collabRoutes(upgradeWebSocket));

  app.all('/api/*', () => {
    throw errors.notFound('API route');
  });

  const dist = ctx.config.clientDist;
  const shell = dist && existsSync(join(dist, 'index.html')) ? join(dist, 'index.html') : undefined;
  if (dist && shell) {
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: dist }));
    // The client's pages (shared APP_ROUTES) get the app shell; they win over reader pages.
    app.get('*', async (c, next) => (isAppRoute(c.req.path) ? c.html(await readFile(shell, 'utf8')) : next()));
  } else {
    app.get('/', (c) => c.text('Copydesk API is running. Build the client (npm run build) to get the editor.'));
  }
  // Reader pages (published stories at their canonical paths, previews), then a real 404: the
  // app shell still renders its not-found page, with the status a crawler or a link checker sees.
  app.route('/', readerRoutes());
  app.get('*', async (c) => (shell ? c.html(await readFile(shell, 'utf8'), 404) : c.text('Not found', 404)));

  app.onError(errorResponse(ctx.log));

  return { app, injectWebSocket, wss };
}
