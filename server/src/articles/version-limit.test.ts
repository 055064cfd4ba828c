import { describe, expect, it } from 'vitest';
import { VersionLimit } from './version-limit.js';

describe('VersionLimit', () => {
  it('allows the limit per article in any minute, and says when the next save fits', () => {
    let now = 0;
    const limit = new VersionLimit(3, () => now);
    expect(limit.take('a')).toBe(0);
    now = 10_000;
    expect(limit.take('a')).toBe(0);
    expect(limit.take('a')).toBe(0);
    expect(limit.take('a')).toBe(50);
    expect(limit.take('b')).toBe(0);
    // Two at once (a restore) need the two oldest gone.
    now = 60_001;
    expect(limit.take('a', 2)).toBe(10);
    expect(limit.take('a')).toBe(0);
    now = 70_001;
    expect(limit.take('a', 2)).toBe(0);
  });

  it('forgets articles whose saves left the window', () => {
    let now = 0;
    const limit = new VersionLimit(2, () => now);
    limit.take('a', 2);
    now = 60_000;
    limit.sweep();
    expect(limit.take('a', 2)).toBe(0);
  });
});
