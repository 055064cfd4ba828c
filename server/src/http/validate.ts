/** Request validation with zod that answers in the API's error shape. */
import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { errors } from '../errors.js';

function refuse(issues: readonly { path: readonly PropertyKey[]; message: string }[]): never {
  throw errors.badRequest(issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; '));
}

export function jsonBody<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result) => {
    if (!result.success) refuse(result.error.issues);
  });
}

/** The query string, checked the same way (a repeated parameter counts once: its first value). */
export function queryParams<T extends ZodType>(schema: T) {
  return zValidator('query', schema, (result) => {
    if (!result.success) refuse(result.error.issues);
  });
}
