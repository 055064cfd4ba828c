import { describe, expect, it } from 'vitest';
import { endingReason, userFrom } from './auth.js';
import { ApiError } from './http.js';

const rosa = { id: 'u1', email: 'rosa@paper.test', name: 'Rosa Díaz', role: 'writer', color: '#b42318' };

describe('userFrom', () => {
  it('reads a person from /api/me, which leaves out `disabled`', () => {
    expect(userFrom({ user: rosa }, 200)).toEqual({ ...rosa, disabled: false });
  });

  it('keeps `disabled` when the answer has it', () => {
    expect(userFrom({ user: { ...rosa, disabled: true } }, 200).disabled).toBe(true);
  });

  it.each([
    ['no user', {}],
    ['an unknown role', { user: { ...rosa, role: 'owner' } }],
    ['a missing email', { user: { ...rosa, email: undefined } }],
    ['a non-boolean disabled', { user: { ...rosa, disabled: 'no' } }],
    ['not an object', 'user'],
  ])('refuses %s', (_what, body) => {
    expect(() => userFrom(body, 200)).toThrow(/does not understand/);
  });
});

describe('endingReason', () => {
  it('gives the sentence of a session an administrator ended', () => {
    const why = 'An administrator changed your role from writer to editor, which signed you out. Sign in again to continue as an editor.';
    expect(endingReason(new ApiError(401, 'unauthenticated', why))).toBe(why);
  });

  it('says nothing for a plain 401, another status, or something else thrown', () => {
    expect(endingReason(new ApiError(401, 'unauthenticated', 'Sign in to continue.'))).toBeUndefined();
    expect(endingReason(new ApiError(403, 'forbidden', 'No.'))).toBeUndefined();
    expect(endingReason(new Error('offline'))).toBeUndefined();
  });
});
