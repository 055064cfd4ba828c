/** What a desk card says about the last change: "Edited by Ada", "Submitted by Ben", "Published on schedule". */
import type { ArticleSummary } from '@copydesk/shared';

const DONE: Record<string, string> = {
  edit: 'Edited',
  metadata: 'Edited',
  create: 'Created',
  assign: 'Assigned',
  submit: 'Submitted',
  request_changes: 'Sent back',
  approve: 'Approved',
  reopen: 'Reopened',
  schedule: 'Scheduled',
  publish: 'Published',
  update: 'Update published',
  unpublish: 'Unpublished',
  restore: 'Version restored',
};

/** "Submitted by Ben"; "Published on schedule" for the scheduler; "Edited" when nobody is known. */
export function lastChangeText(article: ArticleSummary): string {
  const change = article.lastChange;
  if (!change) return 'Edited';
  const done = DONE[change.action] ?? 'Changed';
  if (change.by) return `${done} by ${change.by}`;
  if (change.action === 'publish') return 'Published on schedule';
  return done;
}

/** When the last change happened (the summary's, else the row's last change). */
export function lastChangeAt(article: ArticleSummary): string {
  return article.lastChange?.at ?? article.updatedAt;
}
