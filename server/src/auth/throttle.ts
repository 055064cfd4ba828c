/**
 * Login throttling, with waits instead of lockouts (OWASP). Every password check (signing in,
 * and the current password when changing it) first asks begin() for an admission, which
 * counts the attempt as failed before the slow argon2 check runs; a success gives it back. So
 * guesses sent in parallel cannot all reach the check before the first failure is counted.
 * Three limits, each answering "wait n seconds":
 *
 * - per account and address: `pair`, a growing wait (backoff.ts). This is what a guesser meets,
 *   and it slows nobody else: a colleague at another address signs in as usual.
 * - per account, across addresses: `account`, the same shape with a larger allowance and a short
 *   cap, against guessing spread over many addresses. It is the one limit a stranger can impose
 *   on someone else, so it stays short, and an address the account signed in from within
 *   `knownMs` skips it: an attack on a colleague's account does not keep them out at their desk.
 *   With the defaults (20 free, capped at 60 s) guessers on any number of addresses get about
 *   one guess a minute at one account (1,440 a day, per node), and the person waits at most a
 *   minute from a new address, not at all from one they used in the last 30 days.
 * - per address, across accounts: `address`, failures in a sliding window, against one password
 *   sprayed over many accounts. Large, since a whole newsroom may share one address.
 *
 * A password reset or change clears the account. In memory, per process: with several nodes
 * each counts on its own (the allowances multiply by the number of nodes), and a restart
 * forgets. Memory is bounded: past MAX_KEYS accounts (or addresses, or MAX_PAIRS_PER_ACCOUNT
 * addresses of one account) the least recent are dropped; pushing one out takes that many
 * failed argon2 checks, themselves slowed by the other limits.
 */
import { addressKey } from '../http/client-address.js';
import { forgettable, waitMs, type BackoffPolicy, type Failures } from './backoff.js';

export interface ThrottlePolicy {
  pair: BackoffPolicy;
  account: BackoffPolicy;
  address: { max: number; windowMs: number };
  /** Failures of a pair or an account are forgotten this long after the latest one. */
  forgetMs: number;
  /** How long an address someone signed in from skips their account-wide wait. */
  knownMs: number;
}

/** An attempt may go ahead (call succeeded() if the password was right), or must wait. */
export type Admission = { ok: true; succeeded(): void } | { ok: false; retryAfter: number };

interface AccountState {
  /** Failures from every address. */
  total: Failures | undefined;
  /** Failures per address. */
  pairs: Map<string, Failures>;
  /** Addresses signed in from, and until when they count as known. */
  known: Map<string, number>;
}

const MAX_KEYS = 100_000;
const MAX_PAIRS_PER_ACCOUNT = 1000;
const MAX_KNOWN_PER_ACCOUNT = 20;

export class LoginThrottle {
  private readonly accounts = new Map<string, AccountState>();
  /** Per address, when each failure in the window was counted, oldest first. */
  private readonly addresses = new Map<string, number[]>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits an attempt to sign in to `account` from `address`, counting it as failed until it succeeds. */
  begin(account: string, address: string): Admission {
    const now = this.now();
    const where = addressKey(address);
    const state = this.prune(account, now);
    const known = (state?.known.get(where) ?? 0) > now;
    const wait = Math.max(
      waitMs(this.policy.pair, state?.pairs.get(where), now),
      known ? 0 : waitMs(this.policy.account, state?.total, now),
      this.addressWait(where, now),
    );
    if (wait > 0) return { ok: false, retryAfter: Math.ceil(wait / 1000) };

    const s = this.touchAccount(account, state);
    touch(s.pairs, where, counted(s.pairs.get(where), now), MAX_PAIRS_PER_ACCOUNT);
    s.total = counted(s.total, now);
    const times = this.addresses.get(where) ?? [];
    times.push(now);
    touch(this.addresses, where, times, MAX_KEYS);
    let settled = false;
    return {
      ok: true,
      succeeded: () => {
        if (settled) return;
        settled = true;
        this.succeeded(account, where, now);
      },
    };
  }

  /** Forgets every failure and known address of `account` (its password was reset or changed). */
  clearAccount(account: string): void {
    this.accounts.delete(account);
  }

  /** Drops what no longer counts (call now and then). */
  sweep(): void {
    const now = this.now();
    for (const account of [...this.accounts.keys()]) this.prune(account, now);
    for (const address of [...this.addresses.keys()]) this.addressWait(address, now);
  }

  /** The right password: the pair starts over, the account and address get their reserved failure back. */
  private succeeded(account: string, where: string, at: number): void {
    const s = this.touchAccount(account, this.accounts.get(account));
    s.pairs.delete(where);
    if (s.total && s.total.count > 0) s.total.count -= 1;
    touch(s.known, where, this.now() + this.policy.knownMs, MAX_KNOWN_PER_ACCOUNT);
    const times = this.addresses.get(where);
    const i = times?.lastIndexOf(at) ?? -1;
    if (i >= 0) times!.splice(i, 1);
  }

  private addressWait(where: string, now: number): number {
    const { max, windowMs } = this.policy.address;
    const times = (this.addresses.get(where) ?? []).filter((t) => t > now - windowMs);
    if (times.length === 0) {
      this.addresses.delete(where);
      return 0;
    }
    this.addresses.set(where, times);
    return times.length < max ? 0 : times[0]! + windowMs - now;
  }

  /** The account's state without what it may forget; undefined when nothing is left. */
  private prune(account: string, now: number): AccountState | undefined {
    const s = this.accounts.get(account);
    if (!s) return undefined;
    const { pair, account: accountPolicy, forgetMs } = this.policy;
    if (s.total && forgettable(accountPolicy, s.total, forgetMs, now)) s.total = undefined;
    for (const [where, f] of s.pairs) if (forgettable(pair, f, forgetMs, now)) s.pairs.delete(where);
    for (const [where, until] of s.known) if (until <= now) s.known.delete(where);
    if (!s.total && s.pairs.size === 0 && s.known.size === 0) {
      this.accounts.delete(account);
      return undefined;
    }
    return s;
  }

  private touchAccount(account: string, state: AccountState | undefined): AccountState {
    const s = state ?? { total: undefined, pairs: new Map(), known: new Map() };
    touch(this.accounts, account, s, MAX_KEYS);
    return s;
  }
}

function counted(failures: Failures | undefined, now: number): Failures {
  return { count: (failures?.count ?? 0) + 1, last: now };
}

/** Sets `key` as the most recent entry, dropping the least recent past `max`. */
function touch<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
