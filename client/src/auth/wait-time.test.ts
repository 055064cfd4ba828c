import { describe, expect, it } from 'vitest';
import { countdown, secondsLeft, waitSentence } from './wait-time.js';

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

describe('secondsLeft', () => {
  const locks = { 'ana@paper.test': 10_500 };

  it('counts down the wait of the account that was throttled, whatever the case or spaces', () => {
    expect(secondsLeft(locks, 'ana@paper.test', 0)).toBe(11);
    expect(secondsLeft(locks, '  Ana@Paper.test ', 5_000)).toBe(6);
    expect(secondsLeft(locks, 'ana@paper.test', 10_500)).toBe(0);
  });

  it('lets another email be tried at once', () => {
    expect(secondsLeft(locks, 'ben@paper.test', 0)).toBe(0);
    expect(secondsLeft(locks, '', 0)).toBe(0);
  });
});
