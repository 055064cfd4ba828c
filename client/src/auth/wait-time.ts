/**
 * How long to wait after too many failed sign-ins, said for people ("15 minutes") and for a
 * button ("14:59"), and for which account.
 */

export function waitSentence(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

export function countdown(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The throttle counts failures per account: a wait is kept under the email it was for. */
export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Whole seconds left before `email` may be tried again, from `lockedUntil` (epoch ms by account
 * key): a wait for one account never holds up signing in to another.
 */
export function secondsLeft(lockedUntil: Readonly<Record<string, number>>, email: string, now: number): number {
  const until = lockedUntil[accountKey(email)] ?? 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}
