/** People management (admins only): list, create, and change a person. */
import type { PublicUser, Role } from '@copydesk/shared';
import { isPublicUser, userFrom } from './auth.js';
import { isRecord, request, unexpected } from './http.js';

export async function listUsers(): Promise<PublicUser[]> {
  const body = await request('/api/users');
  if (isRecord(body) && Array.isArray(body.users)) return body.users.filter(isPublicUser);
  throw unexpected(200);
}

export interface NewPerson {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createUser(input: NewPerson): Promise<PublicUser> {
  return userFrom(await request('/api/users', { method: 'POST', body: input }), 201);
}

export interface PersonPatch {
  name?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
  color?: string;
}

export async function updateUser(id: string, patch: PersonPatch): Promise<PublicUser> {
  return userFrom(await request(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }), 200);
}
