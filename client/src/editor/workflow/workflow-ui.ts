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
  | { kind: 'note'; required: boolean; label: string; hint: string }
  | { kind: 'time' }
  | { kind: 'confirm'; message: string; danger: boolean };

export function promptFor(action: WorkflowAction): ActionPrompt {
  switch (action) {
    case 'request_changes':
      return { kind: 'note', required: true, label: 'What needs to change?', hint: 'The writer sees this note at the top of the article.' };
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
      return { kind: 'confirm', message: 'The article is taken off the site and out of the feeds. Readers who follow a link will not find it.', danger: true };
    default:
      return { kind: 'none' };
  }
}
