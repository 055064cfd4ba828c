/**
 * The client's pages and who may see them. Every page needs a signed-in person unless its route
 * says `public`; the guard waits for the session (one /api/me at start), sends the signed-out to
 * `/login?next=<where they were>`, and the signed-in away from /login. When the server ends the
 * session mid-visit, the person is sent to sign in with a notice and a way back.
 */
import { createRouter, createWebHistory } from 'vue-router';
import { APP_ROUTES } from '@copydesk/shared';
import { loginLocation, safeNext } from './auth/redirect.js';
import { onSessionEnded, SessionStatus, useSession } from './auth/use-session.js';
import DeskPage from './desk/DeskPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in. */
    public?: boolean;
    /** Only for the signed-out: a signed-in visitor goes to `next` or the desk. */
    guestOnly?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    // The paths come from shared/ (APP_ROUTES): the server serves the app only at these.
    { path: APP_ROUTES.desk, name: 'desk', component: DeskPage },
    {
      path: APP_ROUTES.article,
      name: 'article',
      component: () => import('./editor/EditorPage.vue'),
      props: true,
    },
    { path: APP_ROUTES.people, name: 'people', component: () => import('./admin/PeoplePage.vue') },
    { path: APP_ROUTES.sections, name: 'sections', component: () => import('./admin/SectionsPage.vue') },
    { path: APP_ROUTES.webhooks, name: 'webhooks', component: () => import('./webhooks/WebhooksPage.vue') },
    {
      path: APP_ROUTES.webhookDeliveries,
      name: 'webhook-deliveries',
      component: () => import('./webhooks/DeliveriesPage.vue'),
      props: true,
    },
    { path: APP_ROUTES.login, name: 'login', component: () => import('./auth/LoginPage.vue'), meta: { public: true, guestOnly: true } },
    { path: APP_ROUTES.setup, name: 'setup', component: () => import('./auth/SetupPage.vue'), meta: { public: true } },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./app/NotFoundPage.vue'),
      meta: { public: true },
    },
  ],
});

const session = useSession();

router.beforeEach(async (to) => {
  await session.ensureLoaded();
  const signedIn = session.status.value === SessionStatus.signedIn;
  if (to.meta.guestOnly && signedIn) return safeNext(to.query.next);
  if (to.meta.public || signedIn) return true;
  // Unreachable server: let the page open (the editor works from this device's copy); it asks
  // again once the server answers.
  if (session.status.value === SessionStatus.unreachable) return true;
  return loginLocation(to.fullPath);
});

onSessionEnded(() => {
  const here = router.currentRoute.value;
  if (here.meta.public) return;
  void router.replace(loginLocation(here.fullPath));
});
