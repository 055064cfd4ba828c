/**
 * How the editor bar presents the workflow: which of the allowed actions is the natural next
 * step (the primary button), the order of the buttons, and what each asks before it runs.
 */
import type { ArticleState, WorkflowAction } from '@copydesk/shared';

/** The natural next step from each state, in order of preference. */
const NEXT_STEPS: Record<ArticleState, readonly WorkflowAction[]> = {
  draft: ['submit'],
  in_review: ['approve'],
  approved: ['publish', 'schedule'],
  scheduled: ['publish'],
  published: ['update'],
  unpublished: ['publish'],
};

export function primaryAction(state: ArticleState, actions: readonly WorkflowAction[]): WorkflowAction | undefined {
  return NEXT_STEPS[state].find((a) => actions.includes(a));
}

/** The actions as buttons: the ones that go back or take down first, the primary last (rightmost). */
export function orderedActions(state: ArticleState, actions: readonly WorkflowAction[]): WorkflowAction[] {
  const primary = primaryAction(state, actions);
  return [...actions.filter((a) => a !== primary), ...(primary ? [primary] : [])];
}

/** What an action asks before it runs: nothing, a note (required or not), a time, or a yes. */
export type ActionPrompt =
  | { kind: 'none' }
  | { kind: 'note'; required: boolean; label: string; hint: string; danger?: boolean; message?: string }
  | { kind: 'time' }
  | { kind: 'confirm'; message: string; danger: boolean };

/** Steps that send a story on with its comment threads: open threads are worth a warning first. */
const PASSES_COMMENTS: readonly WorkflowAction[] = ['approve', 'schedule', 'publish', 'update'];

/** How many open comment threads to warn about before `action` (0: no warning). */
export function openThreadsWarning(action: WorkflowAction, openComments: number): number {
  return PASSES_COMMENTS.includes(action) ? openComments : 0;
}

/** The warning's sentence. */
export function openThreadsText(count: number): string {
  return count === 1
    ? '1 comment thread is still open. You can go ahead; it stays open.'
    : `${count} comment threads are still open. You can go ahead; they stay open.`;
}

/** `openComments`: the article's open comment threads (approving with some asks first). */
export function promptFor(action: WorkflowAction, openComments = 0): ActionPrompt {
  switch (action) {
    case 'request_changes':
      return { kind: 'note', required: true, label: 'What needs to change?', hint: 'The writer sees this note at the top of the article.' };
    case 'submit':
      return {
        kind: 'note',
        required: false,
        label: 'Note for the editor (optional)',
        hint: 'Answer the change request, or say what the editor should know. It joins the review’s notes.',
      };
    case 'update':
      return {
        kind: 'note',
        required: false,
        label: 'Correction note (optional)',
        hint: 'If you write one, it is published with the article as a public correction.',
      };
    case 'schedule':
      return { kind: 'time' };
    case 'publish':
      return { kind: 'confirm', message: 'The article goes live on the site and in the feeds now.', danger: false };
    case 'unpublish':
      return {
        kind: 'note',
        required: true,
        label: 'Why is it taken down?',
        hint: 'Kept in the article’s history and sent to the site with the takedown.',
        danger: true,
        message: 'The article is taken off the site and out of the feeds. Readers who follow a link will not find it.',
      };
    case 'approve':
      return openComments > 0 ? { kind: 'confirm', message: 'The article moves on to be published.', danger: false } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
