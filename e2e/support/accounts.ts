/**
 * The server side of the cast: an HTTP client signed in as the administrator (the same API the
 * People page uses), and the accounts of the people the specs need.
 */
import { expect, request, type APIRequestContext } from '@playwright/test';
import { admin, type Person } from './people.js';

/** An API client signed in as the administrator; requests carry our Origin, as the app's pages do. */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
  const res = await api.post('/api/auth/login', { data: { email: admin.email, password: admin.password } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/** Makes sure `person` has an account (an earlier test may have created it). */
export async function ensureAccount(api: APIRequestContext, person: Person): Promise<void> {
  const res = await api.post('/api/users', { data: { email: person.email, name: person.name, role: person.role, password: person.password } });
  if (res.status() === 409) return;
  expect(res.status(), await res.text()).toBe(201);
}
