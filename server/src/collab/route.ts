/**
 * GET /collab/:articleId — the WebSocket endpoint. The request is checked before the upgrade is
 * accepted (a refusal is a plain HTTP status); once accepted, the socket belongs to Collab.
 */
import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import { articleIdSchema } from '@copydesk/shared';
import { apiError, errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import type { Connection } from './connection.js';

export function collabRoutes(upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
  return new Hono<AppEnv>().get(
    '/:articleId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw apiError(426, 'upgrade_required', 'This endpoint speaks the y-websocket protocol over WebSocket.');
      }
      const id = c.req.param('articleId');
      if (!articleIdSchema.safeParse(id).success || !(await c.var.ctx.articles.exists(id))) {
        throw errors.notFound('Article');
      }
      await next();
    },
    upgradeWebSocket((c) => {
      const { collab } = c.var.ctx;
      const articleId = c.req.param('articleId');
      let conn: Connection | undefined;
      return {
        onOpen(_event, ws) {
          conn = collab.open(ws.raw!, articleId, { readOnly: false });
        },
        onMessage(event) {
          conn?.receive(event.data as ArrayBuffer | string);
        },
        onClose() {
          if (conn) collab.closed(conn);
        },
        onError() {
          // ws reports protocol violations (e.g. frames over maxPayload) here and closes the
          // socket itself with the matching code; onClose does the bookkeeping.
        },
      };
    }),
  );
}
