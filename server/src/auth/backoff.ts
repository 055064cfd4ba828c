/**
 * A growing wait after failures (OWASP's alternative to locking an account): `free` failures
 * back to back, then after each further one a wait that starts at `firstMs` and doubles up to
 * `maxMs`. Pure functions over a failure count, so that the throttle can keep counts wherever
 * it likes.
 */
export interface BackoffPolicy {
  free: number;
  firstMs: number;
  maxMs: number;
}

export interface Failures {
  count: number;
  /** When the latest failure was counted (ms). */
  last: number;
}

/** The wait that follows `count` failures. */
export function delayAfter(policy: BackoffPolicy, count: number): number {
  if (count < policy.free) return 0;
  // 2^30 times any first wait is past every sensible cap; the exponent stops there.
  return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(count - policy.free, 30));
}

/** Milliseconds until another attempt may be made (0: now). */
export function waitMs(policy: BackoffPolicy, failures: Failures | undefined, now: number): number {
  if (!failures) return 0;
  return Math.max(0, failures.last + delayAfter(policy, failures.count) - now);
}

/**
 * Whether the failures may be forgotten: `forgetMs` after the latest, and never while its
 * wait runs. Forgetting sooner would hand a patient guesser a fresh set of free failures.
 */
export function forgettable(policy: BackoffPolicy, failures: Failures, forgetMs: number, now: number): boolean {
  return now - failures.last >= Math.max(forgetMs, delayAfter(policy, failures.count));
}
