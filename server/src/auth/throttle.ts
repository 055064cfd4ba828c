/**
 * Login throttling: failures are counted per key (an account, an IP address) in a sliding
 * window; past the limit the key is refused until its oldest failure leaves the window.
 * In memory, per process: with several nodes each node counts on its own, which still bounds
 * guessing to nodes x limit per window.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const list = this.prune(key);
    if (list.length < this.limit) return 0;
    return Math.max(1, Math.ceil((list[0]! + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const list = this.prune(key);
    list.push(this.now());
    this.failures.set(key, list);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Drops keys whose failures all left the window (call now and then). */
  sweep(): void {
    for (const key of [...this.failures.keys()]) this.prune(key);
  }

  private prune(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }
}

export interface LoginThrottle {
  account: FailureThrottle;
  ip: FailureThrottle;
}

export function createLoginThrottle(windowMs: number): LoginThrottle {
  return { account: new FailureThrottle(5, windowMs), ip: new FailureThrottle(30, windowMs) };
}
