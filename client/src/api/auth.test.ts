import { describe, expect, it } from 'vitest';
import { userFrom } from './auth.js';

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
