/** How roles read on the People page. */
import type { Role } from '@copydesk/shared';

export const ROLE_LABEL: Record<Role, string> = { writer: 'Writer', editor: 'Editor', admin: 'Administrator' };

/** The role in a sentence: "make Noor an editor". */
export const A_ROLE: Record<Role, string> = { writer: 'a writer', editor: 'an editor', admin: 'an administrator' };

export const ROLE_HINT: Record<Role, string> = {
  writer: 'Writes the articles they start or are assigned to; sees only those.',
  editor: 'Sees and edits every article, and assigns writers.',
  admin: 'An editor who also manages people.',
};
