import { describe, expect, it } from 'vitest';
import { delayAfter } from './backoff.js';
import { LoginThrottle, type Admission, type ThrottlePolicy } from './throttle.js';

const S = 1000;
const policy: ThrottlePolicy = {
  pair: { free: 3, firstMs: 1 * S, maxMs: 60 * S },
  account: { free: 6, firstMs: 1 * S, maxMs: 10 * S },
  address: { max: 100, windowMs: 600 * S },
  forgetMs: 3600 * S,
  knownMs: 86_400 * S,
};

function setup(p: ThrottlePolicy = policy) {
  let now = 1_000_000;
  const throttle = new LoginThrottle(p, () => now);
  return {
    throttle,
    advance: (ms: number) => void (now += ms),
    /** A wrong password: admitted, never succeeded. Returns the wait it met instead, if any. */
    fail: (account: string, address: string): number => {
      const a = throttle.begin(account, address);
      return a.ok ? 0 : a.retryAfter;
    },
  };
}

const admitted = (a: Admission): a is Extract<Admission, { ok: true }> => a.ok;

describe('the growing wait', () => {
  it('allows the free failures, then waits first, then doubles up to the cap', () => {
    const pol = { free: 3, firstMs: 1 * S, maxMs: 60 * S };
    expect([0, 1, 2, 3, 4, 5, 6, 9, 40].map((n) => delayAfter(pol, n))).toEqual([0, 0, 0, 1 * S, 2 * S, 4 * S, 8 * S, 60 * S, 60 * S]);
  });
});

describe('the login throttle', () => {
  it('per account and address: free failures back to back, then waits that double, capped', () => {
    const { fail, advance } = setup();
    expect([fail('a', '10.0.0.1'), fail('a', '10.0.0.1'), fail('a', '10.0.0.1')]).toEqual([0, 0, 0]);
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const wait = fail('a', '10.0.0.1');
      waits.push(wait);
      advance(wait * S);
      expect(fail('a', '10.0.0.1')).toBe(0);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('counts an attempt before its password is checked, so parallel guesses stop at the allowance', () => {
    const { throttle } = setup();
    const answers = Array.from({ length: 25 }, () => throttle.begin('a', '10.0.0.1'));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.retryAfter >= 1)).toBe(true);
  });

  it('a success gives its attempt back and starts the pair over', () => {
    const { throttle, fail } = setup();
    fail('a', '10.0.0.1');
    fail('a', '10.0.0.1');
    const right = throttle.begin('a', '10.0.0.1');
    expect(admitted(right)).toBe(true);
    if (admitted(right)) right.succeeded();
    expect([fail('a', '10.0.0.1'), fail('a', '10.0.0.1'), fail('a', '10.0.0.1')]).toEqual([0, 0, 0]);
    expect(fail('a', '10.0.0.1')).toBeGreaterThan(0);
  });

  it('a guesser at one address does not slow the account down at another', () => {
    const { fail } = setup();
    for (let i = 0; i < 3; i++) fail('a', '10.0.0.1');
    expect(fail('a', '10.0.0.1')).toBeGreaterThan(0);
    expect(fail('a', '10.0.0.2')).toBe(0);
  });

  it('per account across addresses: a short wait for new addresses, none for known ones', () => {
    const { throttle, fail } = setup();
    const desk = throttle.begin('a', '10.0.0.99');
    if (admitted(desk)) desk.succeeded();
    for (let i = 1; i <= 6; i++) expect(fail('a', `10.0.1.${i}`)).toBe(0);
    const fresh = fail('a', '10.0.2.1');
    expect(fresh).toBeGreaterThan(0);
    expect(fresh).toBeLessThanOrEqual(10);
    expect(throttle.begin('a', '10.0.0.99').ok).toBe(true);
  });

  it('per address across accounts: a sliding window', () => {
    const { fail, advance } = setup({ ...policy, address: { max: 10, windowMs: 600 * S } });
    for (let i = 0; i < 10; i++) expect(fail(`user${i}`, '10.0.0.1')).toBe(0);
    expect(fail('someone', '10.0.0.1')).toBe(600);
    expect(fail('someone', '10.0.0.2')).toBe(0);
    advance(600 * S);
    expect(fail('someone', '10.0.0.1')).toBe(0);
  });

  it('counts an IPv6 host by its /64', () => {
    const { fail } = setup();
    for (let i = 1; i <= 3; i++) fail('a', `2001:db8:0:1::${i}`);
    expect(fail('a', '2001:db8:0:1::ffff')).toBeGreaterThan(0);
    expect(fail('a', '2001:db8:0:2::1')).toBe(0);
  });

  it('remembers failures for forgetMs after the latest, and never forgets while a wait runs', () => {
    const { fail, advance } = setup();
    for (let i = 0; i < 3; i++) fail('a', '10.0.0.1');
    expect(fail('a', '10.0.0.1')).toBe(1);
    advance(1 * S);
    expect(fail('a', '10.0.0.1')).toBe(0);
    advance(2 * S);
    // The wait is over, the count is not: the next failure waits longer still.
    expect(fail('a', '10.0.0.1')).toBe(0);
    expect(fail('a', '10.0.0.1')).toBe(4);
    advance(3600 * S);
    expect([fail('a', '10.0.0.1'), fail('a', '10.0.0.1'), fail('a', '10.0.0.1')]).toEqual([0, 0, 0]);

    const short = setup({ ...policy, forgetMs: 10 * S });
    for (let failures = 0; failures < 7; ) {
      const wait = short.fail('b', '10.0.0.1');
      if (wait === 0) failures++;
      short.advance(wait * S);
    }
    expect(short.fail('b', '10.0.0.1')).toBe(16);
    short.advance(12 * S);
    expect(short.fail('b', '10.0.0.1')).toBe(4);
    short.advance(4 * S);
    expect([short.fail('b', '10.0.0.1'), short.fail('b', '10.0.0.1'), short.fail('b', '10.0.0.1')]).toEqual([0, 0, 0]);
  });

  it('clearing an account (a password reset) lifts its waits and forgets its known addresses', () => {
    const { throttle, fail } = setup();
    const desk = throttle.begin('a', '10.0.0.99');
    if (admitted(desk)) desk.succeeded();
    for (let i = 0; i < 4; i++) fail('a', '10.0.0.1');
    expect(fail('a', '10.0.0.1')).toBeGreaterThan(0);
    throttle.clearAccount('a');
    expect(fail('a', '10.0.0.1')).toBe(0);
    for (let i = 1; i <= 6; i++) fail('a', `10.0.1.${i}`);
    expect(throttle.begin('a', '10.0.0.99').ok).toBe(false);
  });

  it('sweeps what no longer counts', () => {
    const { throttle, fail, advance } = setup();
    fail('a', '10.0.0.1');
    advance(3600 * S);
    throttle.sweep();
    expect((throttle as unknown as { accounts: Map<string, unknown>; addresses: Map<string, unknown> }).accounts.size).toBe(0);
    expect((throttle as unknown as { addresses: Map<string, unknown> }).addresses.size).toBe(0);
  });
});
