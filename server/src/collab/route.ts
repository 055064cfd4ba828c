/**
 * GET /collab/:articleId — the WebSocket endpoint. Everything is checked before the upgrade is
 * accepted, and a refusal is a plain HTTP status: 403 for a foreign Origin, 401 without a
 * valid session, 404 for an unknown article, 403 for one this user may not open. Once
 * accepted, the socket belongs to Collab.
 */
import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import { articleIdSchema } from '@copydesk/shared';
import { articleStanding, permissionsFor } from '../articles/access.js';
import { currentUser } from '../auth/middleware.js';
import { errors } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import type { Connection } from './connection.js';

/** A view of a frame's bytes as a plain Uint8Array (ws hands out Buffers, or fragments). */
function asBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) data = Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  // Not the Buffer itself: Buffer#slice makes views, and the decoder relies on slice copying.
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function collabRoutes(upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
  return new Hono<AppEnv & { Variables: { canEdit: boolean } }>().get(
    '/:articleId',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw errors.upgradeRequired();
      }
      // Browsers always send Origin on a WebSocket handshake, and cookies go with it whatever
      // the page's origin: this check is what stops another site from opening our sockets.
      if (c.req.header('origin') !== c.var.ctx.config.publicUrl) {
        throw errors.badOrigin('WebSocket connections are accepted only from Copydesk itself.');
      }
      const user = currentUser(c);
      const id = c.req.param('articleId');
      if (!articleIdSchema.safeParse(id).success) throw errors.notFound('Article');
      const standing = await articleStanding(c.var.ctx.database.db, user, id);
      if (standing.access === 'missing') throw errors.notFound('Article');
      if (standing.access === 'forbidden') throw errors.forbidden('This article is not assigned to you.');
      c.set('canEdit', permissionsFor(user.role, standing).canEdit);
      await next();
    },
    upgradeWebSocket((c) => {
      // The helper's context is untyped; the middleware above guarantees these variables.
      const vars = c.var as AppEnv['Variables'] & { canEdit: boolean };
      const { collab } = vars.ctx;
      const articleId = c.req.param('articleId') ?? '';
      const user = currentUser({ var: vars });
      const sessionId = vars.session!.id;
      // The editor asks to be told when its changes are stored (shared/src/save-receipts.ts).
      const receipts = c.req.query('saved') === '1';
      let conn: Connection | undefined;
      return {
        onOpen(_event, ws) {
          const raw = ws.raw!;
          conn = collab.open(raw, articleId, {
            // Read-only connections still sync and show presence; their updates are refused.
            readOnly: !vars.canEdit,
            account: { userId: user.id, sessionId, identity: { id: user.id, name: user.name, color: user.color } },
            receipts,
          });
          // Frames go straight from ws to the connection. There is deliberately no onMessage:
          // for each frame the helper would build a DOM MessageEvent and copy the bytes into a
          // new ArrayBuffer, on the path of every keystroke. (onOpen runs in the same tick as
          // the upgrade completes, before any frame can have been read.)
          const c = conn;
          raw.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => c.receive(isBinary ? asBytes(data) : String(data)));
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
