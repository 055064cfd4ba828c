import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './api.js';
import { ACTIONS, STATES, availableActions, canEditBody, transition, type ArticleState, type Relation, type WorkflowAction } from './workflow.js';

/**
 * The whole table: for every state and action, the expected outcome for a writer on its own
 * article ('W'), for an editor ('E'), and for both ('*'); '-' means nobody.
 */
const TABLE: Record<ArticleState, Record<WorkflowAction, [who: '-' | 'E' | '*', to?: ArticleState]>> = {
  draft: { submit: ['*', 'in_review'], request_changes: ['-'], approve: ['-'], reopen: ['-'], schedule: ['-'], publish: ['-'], update: ['-'], unpublish: ['-'] },
  in_review: { submit: ['-'], request_changes: ['E', 'draft'], approve: ['E', 'approved'], reopen: ['*', 'draft'], schedule: ['-'], publish: ['-'], update: ['-'], unpublish: ['-'] },
  approved: { submit: ['-'], request_changes: ['E', 'draft'], approve: ['-'], reopen: ['E', 'draft'], schedule: ['E', 'scheduled'], publish: ['E', 'published'], update: ['-'], unpublish: ['-'] },
  scheduled: { submit: ['-'], request_changes: ['E', 'draft'], approve: ['-'], reopen: ['E', 'draft'], schedule: ['E', 'scheduled'], publish: ['E', 'published'], update: ['-'], unpublish: ['-'] },
  published: { submit: ['-'], request_changes: ['-'], approve: ['-'], reopen: ['-'], schedule: ['-'], publish: ['-'], update: ['E', 'published'], unpublish: ['E', 'unpublished'] },
  unpublished: { submit: ['-'], request_changes: ['-'], approve: ['-'], reopen: ['E', 'draft'], schedule: ['-'], publish: ['E', 'published'], update: ['-'], unpublish: ['-'] },
};

const RELATIONS: Relation[] = ['owner', 'assignee', 'none'];
const future = '2999-01-01T00:00:00.000Z';

describe('workflow: every state x role x relation x action', () => {
  for (const state of STATES) {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        for (const relation of RELATIONS) {
          const [who, to] = TABLE[state][action];
          const editor = role !== 'writer';
          const allowed = who === '*' ? editor || relation !== 'none' : who === 'E' ? editor : false;
          it(`${state} · ${action} · ${role}/${relation} → ${allowed ? to : 'refused'}`, () => {
            const r = transition({ state, role: role as Role, relation, action, note: 'fix the lede', publishAt: future });
            if (allowed) expect(r).toEqual({ ok: true, to });
            else expect(r.ok).toBe(false);
          });
        }
      }
    }
  }
});

describe('refusals say why', () => {
  it('requires a note to request changes', () => {
    const r = transition({ state: 'in_review', role: 'editor', relation: 'none', action: 'request_changes', note: '  ' });
    expect(r).toMatchObject({ ok: false, refusal: { code: 'note_required' } });
  });
  it('requires a reason to unpublish', () => {
    const r = transition({ state: 'published', role: 'editor', relation: 'none', action: 'unpublish', note: ' ' });
    expect(r).toMatchObject({ ok: false, refusal: { code: 'reason_required' } });
  });
  it('requires a future time to schedule', () => {
    const past = transition({ state: 'approved', role: 'editor', relation: 'none', action: 'schedule', publishAt: '2000-01-01T00:00:00Z' });
    expect(past).toMatchObject({ ok: false, refusal: { code: 'publish_time_required' } });
  });
  it('tells a writer that only editors approve', () => {
    const r = transition({ state: 'in_review', role: 'writer', relation: 'owner', action: 'approve' });
    expect(r).toMatchObject({ ok: false, refusal: { code: 'role_cannot' } });
  });
  it('tells an editor the state is wrong', () => {
    const r = transition({ state: 'draft', role: 'editor', relation: 'none', action: 'publish' });
    expect(r).toMatchObject({ ok: false, refusal: { code: 'not_allowed_in_state' } });
  });
});

describe('availableActions and edit rights', () => {
  it('offers a writer only submit on its draft, and withdraw while in review', () => {
    expect(availableActions('draft', 'writer', 'owner')).toEqual(['submit']);
    expect(availableActions('in_review', 'writer', 'assignee')).toEqual(['reopen']);
    expect(availableActions('in_review', 'writer', 'none')).toEqual([]);
    expect(availableActions('in_review', 'editor', 'none')).toEqual(['request_changes', 'approve', 'reopen']);
  });
  it.each(STATES)('in %s: editors edit; writers only in draft and only their own', (state) => {
    expect(canEditBody(state, 'editor', 'none')).toBe(true);
    expect(canEditBody(state, 'admin', 'none')).toBe(true);
    expect(canEditBody(state, 'writer', 'owner')).toBe(state === 'draft');
    expect(canEditBody(state, 'writer', 'none')).toBe(false);
  });
});
