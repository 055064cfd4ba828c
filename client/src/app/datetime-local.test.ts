import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './datetime-local.js';

describe('datetime-local values', () => {
  it('round-trip through an ISO instant in the local zone', () => {
    const iso = fromLocalInput('2026-03-04T09:30');
    expect(iso).toBe(new Date(2026, 2, 4, 9, 30).toISOString());
    expect(toLocalInput(iso)).toBe('2026-03-04T09:30');
  });

  it('are empty for nothing, and refuse what is not a time', () => {
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('nonsense')).toBe('');
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('tomorrow at nine')).toBeUndefined();
  });
});
