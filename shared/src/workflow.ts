/**
 * The editorial workflow as a pure function: (state, role, relation, action) -> next state or a
 * typed refusal. Server and client both call it: the server to enforce, the client to show only
 * the actions allowed to this person now.
 *
 *   draft --submit--> in_review --approve--> approved --publish--> published
 *     ^                  |                     |  \--schedule--> scheduled --publish--> published
 *     +--request_changes-+---------------------+                                  |  ^
 *     +--reopen (withdraw / back to draft) from in_review, approved, scheduled,   |  | update
 *       unpublished                                                               v  |
 *                                                 unpublished <--unpublish-- published
 */
import type { Role } from './api.js';
import { API_ERRORS, type RefusalCode } from './errors.js';

export const STATES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleState = (typeof STATES)[number];

export const ACTIONS = ['submit', 'request_changes', 'approve', 'reopen', 'schedule', 'publish', 'update', 'unpublish'] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

/** How the person relates to the article: writers' rights depend on it. */
export type Relation = 'owner' | 'assignee' | 'none';

/** Why a transition was refused; the server sends it as is, as an API error (errors.ts). */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type TransitionResult = { ok: true; to: ArticleState } | { ok: false; refusal: Refusal };

export const STATE_LABELS: Record<ArticleState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: 'Submit for review',
  request_changes: 'Request changes',
  approve: 'Approve',
  reopen: 'Reopen as draft',
  schedule: 'Schedule',
  publish: 'Publish',
  update: 'Publish update',
  unpublish: 'Unpublish',
};

interface Rule {
  from: readonly ArticleState[];
  to: ArticleState;
  /** Writers may take this action on articles they own or are assigned to. */
  writers: boolean;
}

const RULES: Record<WorkflowAction, Rule> = {
  submit: { from: ['draft'], to: 'in_review', writers: true },
  request_changes: { from: ['in_review', 'approved', 'scheduled'], to: 'draft', writers: false },
  approve: { from: ['in_review'], to: 'approved', writers: false },
  // A writer may withdraw its own submission; editors can send anything back to draft.
  reopen: { from: ['in_review', 'approved', 'scheduled', 'unpublished'], to: 'draft', writers: true },
  schedule: { from: ['approved', 'scheduled'], to: 'scheduled', writers: false },
  publish: { from: ['approved', 'scheduled', 'unpublished'], to: 'published', writers: false },
  update: { from: ['published'], to: 'published', writers: false },
  unpublish: { from: ['published'], to: 'unpublished', writers: false },
};

function isEditor(role: Role): boolean {
  return role === 'editor' || role === 'admin';
}

export interface TransitionInput {
  state: ArticleState;
  role: Role;
  relation: Relation;
  action: WorkflowAction;
  note?: string | undefined;
  /** ISO time, for `schedule`. */
  publishAt?: string | undefined;
  /** Now, as epoch ms (to check that a schedule lies in the future). */
  now?: number;
}

export function transition(input: TransitionInput): TransitionResult {
  const rule = RULES[input.action];
  const editor = isEditor(input.role);
  if (!editor) {
    if (!rule.writers || input.relation === 'none') {
      return refuse('role_cannot', `Only editors can ${ACTION_LABELS[input.action].toLowerCase()}.`);
    }
    if (input.action === 'reopen' && input.state !== 'in_review') {
      return refuse('role_cannot', 'Only editors can reopen an approved or published article.');
    }
  }
  if (!rule.from.includes(input.state)) {
    return refuse(
      'not_allowed_in_state',
      `An article that is ${STATE_LABELS[input.state].toLowerCase()} cannot be moved with “${ACTION_LABELS[input.action]}”.`,
    );
  }
  if (input.action === 'request_changes' && !input.note?.trim()) {
    return refuse('note_required');
  }
  // Taking a story down is a decision someone will be asked about: the reason is kept.
  if (input.action === 'unpublish' && !input.note?.trim()) {
    return refuse('reason_required');
  }
  if (input.action === 'schedule') {
    const at = input.publishAt ? Date.parse(input.publishAt) : NaN;
    if (Number.isNaN(at) || at <= (input.now ?? Date.now())) {
      return refuse('publish_time_required');
    }
  }
  return { ok: true, to: rule.to };
}

function refuse(code: RefusalCode, message: string = API_ERRORS[code].message): TransitionResult {
  return { ok: false, refusal: { code, message } };
}

/** The actions this person could take now (the UI shows exactly these). */
export function availableActions(state: ArticleState, role: Role, relation: Relation): WorkflowAction[] {
  return ACTIONS.filter((action) => {
    const r = transition({ state, role, relation, action, note: 'x', publishAt: '9999-01-01T00:00:00Z', now: 0 });
    return r.ok;
  });
}

/**
 * Whether this person may change the body (and headline, dek, metadata) now. Writers edit their
 * own and assigned articles only in draft; editors edit in every state (edits to a published
 * article go live only when republished).
 */
export function canEditBody(state: ArticleState, role: Role, relation: Relation): boolean {
  if (isEditor(role)) return true;
  return relation !== 'none' && state === 'draft';
}

/** Why the editor is read-only, for the banner; undefined when it is not. */
export function readOnlyReason(state: ArticleState, role: Role, relation: Relation): string | undefined {
  if (canEditBody(state, role, relation)) return undefined;
  if (relation === 'none') return 'You can read this article but it is not assigned to you.';
  switch (state) {
    case 'in_review':
      return 'Submitted for review: editing is locked until an editor sends it back or you withdraw it.';
    case 'approved':
    case 'scheduled':
      return 'Approved by an editor: only editors can change it now.';
    case 'published':
      return 'Published: only editors can change it now.';
    case 'unpublished':
      return 'Unpublished: only editors can change it now.';
    default:
      return 'You cannot edit this article now.';
  }
}
