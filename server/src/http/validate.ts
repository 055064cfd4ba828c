/** Request validation with zod that answers in the API's error shape. */
import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { errors } from '../errors.js';

export function jsonBody<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result) => {
    if (!result.success) {
      throw errors.badRequest(
        result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
      );
    }
  });
}
