import { describe, expect, it } from 'vitest';
import { attemptOutcome, deliveryStatus, lastOutcome, waitInWords } from './delivery-status.js';

const now = Date.parse('2025-03-01T12:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('deliveryStatus', () => {
  it('says delivered in green', () => {
    expect(deliveryStatus({ status: 'delivered', attempts: 1, nextAttemptAt: null }, now)).toEqual({ label: 'Delivered', tone: 'ok' });
  });

  it('counts the attempts of a failed delivery', () => {
    expect(deliveryStatus({ status: 'failed', attempts: 1, nextAttemptAt: null }, now).label).toBe('Failed after 1 attempt');
    expect(deliveryStatus({ status: 'failed', attempts: 8, nextAttemptAt: null }, now)).toEqual({ label: 'Failed after 8 attempts', tone: 'danger' });
  });

  it.each([
    [0, at(0), 'Pending – sending now'],
    [0, at(-5000), 'Pending – sending now'],
    [2, at(400), 'Pending – retrying now'],
    [1, at(4200), 'Pending – next attempt in 5 s'],
    [3, at(59_000), 'Pending – next attempt in 59 s'],
    [3, at(61_000), 'Pending – next attempt in 2 min'],
    [4, at(5 * 3600_000), 'Pending – next attempt in 5 h'],
    [1, null, 'Pending – retrying now'],
  ])('pending after %i attempts, next at %s: %s', (attempts, nextAttemptAt, label) => {
    expect(deliveryStatus({ status: 'pending', attempts, nextAttemptAt }, now)).toEqual({ label, tone: 'warn' });
  });
});

describe('waitInWords', () => {
  it.each([
    [1, '1 s'],
    [59_500, '1 min'],
    [60_001, '2 min'],
    [3600_000, '1 h'],
    [47 * 3600_000, '47 h'],
    [72 * 3600_000, '3 days'],
  ])('%i ms is %s', (ms, words) => expect(waitInWords(ms)).toBe(words));
});

describe('outcomes', () => {
  it('shows the status code, the error, or a dash before any attempt', () => {
    expect(attemptOutcome({ statusCode: 200, error: null })).toBe('HTTP 200');
    expect(attemptOutcome({ statusCode: null, error: 'timed out after 5 s' })).toBe('timed out after 5 s');
    expect(attemptOutcome({ statusCode: 500, error: 'receiver answered 500' })).toBe('HTTP 500');
    expect(attemptOutcome({ statusCode: null, error: null })).toBe('No answer');
    expect(lastOutcome({ attempts: 0, lastStatusCode: null, lastError: null })).toBe('—');
    expect(lastOutcome({ attempts: 2, lastStatusCode: 500, lastError: null })).toBe('HTTP 500');
  });
});
