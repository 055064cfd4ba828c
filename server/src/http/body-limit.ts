/**
 * Request body limits. A route that validates JSON reads the whole body before it can look at
 * it, so without a limit anyone could make the server hold bodies of hundreds of megabytes
 * (each one more than once while it is decoded), sign-in or not. Hono's bodyLimit checks a
 * declared Content-Length up front and counts the bytes of a chunked body as they stream in,
 * stopping at the limit; mounted before the session is loaded, it refuses a request before
 * anything else is done for it. What the client goes on sending after the 413 is drained and
 * dropped by the Node adapter, which then closes the socket.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errors } from '../errors.js';
import type { AppEnv } from './context.js';

/** Refuses a body over `maxBytes` with 413 `payload_too_large`. */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw errors.payloadTooLarge(maxBytes);
    },
  });
}
