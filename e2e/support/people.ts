/** The newsroom the specs cast: accounts the admin creates, and the name others see. */
import type { Role } from '@copydesk/shared';

export interface Person {
  /** The name others see on this person's caret and in the presence list. */
  name: string;
  email: string;
  password: string;
  role: Role;
}

/** The first administrator, created by the server at start from COPYDESK_ADMIN_* (see playwright.config.ts). */
export const admin: Person = { name: 'admin', email: 'admin@copydesk.test', password: 'e2e admin password', role: 'admin' };

export const people = {
  ada: { name: 'Ada Okafor', email: 'ada@copydesk.test', password: 'ada e2e password', role: 'writer' },
  ben: { name: 'Ben Lindqvist', email: 'ben@copydesk.test', password: 'ben e2e password', role: 'editor' },
  cleo: { name: 'Cleo Marsh', email: 'cleo@copydesk.test', password: 'cleo e2e password', role: 'editor' },
} as const satisfies Record<string, Person>;
