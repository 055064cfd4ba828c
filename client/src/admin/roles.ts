/** How roles read on the People page. */
import type { Role } from '@copydesk/shared';

export const ROLE_LABEL: Record<Role, string> = { writer: 'Writer', editor: 'Editor', admin: 'Administrator' };

export const ROLE_HINT: Record<Role, string> = {
  writer: 'Writes the articles they start or are assigned to; sees only those.',
  editor: 'Sees and edits every article, and assigns writers.',
  admin: 'An editor who also manages people.',
};
