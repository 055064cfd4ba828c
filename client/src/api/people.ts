/** The people an editor can assign (GET /api/people: enabled accounts, no emails). */
import { ROLES, type PersonOption, type Role } from '@copydesk/shared';
import { isRecord, request, unexpected } from './http.js';

function isPersonOption(value: unknown): value is PersonOption {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.color === 'string' &&
    (ROLES as readonly string[]).includes(value.role as Role)
  );
}

export async function listPeople(): Promise<PersonOption[]> {
  const body = await request('/api/people');
  if (isRecord(body) && Array.isArray(body.people)) return body.people.filter(isPersonOption);
  throw unexpected(200);
}
