import { describe, expect, it } from 'vitest';
import { countdown, waitSentence } from './wait-time.js';

describe('waitSentence', () => {
  it.each([
    [1, '1 second'],
    [42, '42 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [899, '15 minutes'],
  ])('%i -> %j', (seconds, expected) => {
    expect(waitSentence(seconds)).toBe(expected);
  });
});

describe('countdown', () => {
  it.each([
    [9, '9 s'],
    [59, '59 s'],
    [60, '1:00'],
    [899, '14:59'],
  ])('%i -> %j', (seconds, expected) => {
    expect(countdown(seconds)).toBe(expected);
  });
});
