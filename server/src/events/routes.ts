/** GET /api/events: the live event stream (Server-Sent Events) for the desk and open editors. */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { currentUser } from '../auth/middleware.js';
import type { AppEnv } from '../http/context.js';
import type { DeskEvent } from './hub.js';

export function eventRoutes() {
  return new Hono<AppEnv>().get('/', async (c) => {
    const user = currentUser(c);
    const { hub, articles } = c.var.ctx;
    const visible = await articles.visibleIds(user);
    return streamSSE(c, async (stream) => {
      const queue: DeskEvent[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      const unsubscribe = hub.subscribe(
        user,
        (event) => {
          queue.push(event);
          wake?.();
        },
        visible,
        {
          sessionId: c.var.session?.id,
          close: () => {
            closed = true;
            wake?.();
          },
        },
      );
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!closed && !stream.aborted && !stream.closed) {
        while (queue.length > 0) {
          const event = queue.shift()!;
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
        }
        // Wait for the next event, or send a keep-alive comment every 25 s so proxies keep the line open.
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 25_000).unref();
        });
        wake = undefined;
        if (queue.length === 0 && !closed && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
}
