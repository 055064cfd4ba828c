/**
 * Roles, presence colours and the public shape of a person: plain values with no zod, so a
 * page that only needs to know who is signed in does not load the schema library.
 */

export const ROLES = ['writer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Editors and admins see and edit every article; writers only their own and assigned ones. */
export function isEditorRole(role: Role): boolean {
  return role === 'editor' || role === 'admin';
}

/** Readable presence colours (WCAG AA against white text labels), ordered so neighbours differ. */
export const PRESENCE_COLORS = [
  '#175cd3', '#b42318', '#027a48', '#6941c6', '#c4320a', '#0e7090',
  '#c11574', '#3538cd', '#067647', '#b54708', '#9e165f', '#4e5ba6',
] as const;

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  color: string;
  disabled: boolean;
}
