import { ACTIONS, availableActions, STATES } from '@copydesk/shared';
import { describe, expect, it } from 'vitest';
import { openThreadsText, openThreadsWarning, orderedActions, primaryAction, promptFor } from './workflow-ui.js';

describe('workflow buttons', () => {
  it('makes the natural next step primary', () => {
    expect(primaryAction('draft', ['submit'])).toBe('submit');
    expect(primaryAction('in_review', ['request_changes', 'approve', 'reopen'])).toBe('approve');
    expect(primaryAction('approved', ['request_changes', 'reopen', 'schedule', 'publish'])).toBe('publish');
    expect(primaryAction('published', ['update', 'unpublish'])).toBe('update');
    expect(primaryAction('in_review', ['reopen'])).toBeUndefined();
  });

  it('shows exactly the allowed actions, primary last, for every state and role', () => {
    for (const state of STATES) {
      for (const role of ['writer', 'editor'] as const) {
        const actions = availableActions(state, role, 'owner');
        const ordered = orderedActions(state, actions);
        expect([...ordered].sort()).toEqual([...actions].sort());
        const primary = primaryAction(state, actions);
        if (primary) expect(ordered.at(-1)).toBe(primary);
      }
    }
  });

  it('asks for a note, a time or a yes where the action needs one', () => {
    expect(promptFor('request_changes')).toMatchObject({ kind: 'note', required: true });
    expect(promptFor('update')).toMatchObject({ kind: 'note', required: false });
    expect(promptFor('schedule')).toEqual({ kind: 'time' });
    expect(promptFor('publish')).toMatchObject({ kind: 'confirm', danger: false });
    expect(promptFor('unpublish')).toMatchObject({ kind: 'note', required: true, danger: true });
    expect(promptFor('submit')).toMatchObject({ kind: 'note', required: false });
    for (const action of ['approve', 'reopen'] as const) expect(promptFor(action)).toEqual({ kind: 'none' });
    expect(promptFor('approve', 2)).toMatchObject({ kind: 'confirm', danger: false });
    expect(ACTIONS.map((a) => promptFor(a).kind)).toHaveLength(ACTIONS.length);
  });

  it('warns about open comment threads before a story moves on, never before it goes back', () => {
    expect(openThreadsWarning('approve', 3)).toBe(3);
    expect(openThreadsWarning('publish', 1)).toBe(1);
    expect(openThreadsWarning('request_changes', 3)).toBe(0);
    expect(openThreadsText(1)).toBe('1 comment thread is still open. You can go ahead; it stays open.');
    expect(openThreadsText(4)).toMatch(/^4 comment threads are still open/);
  });
});
