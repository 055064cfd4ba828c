import { describe, expect, it } from 'vitest';
import { fitText } from './fit-text.js';

describe('fitText', () => {
  it('keeps text that fits as it is', () => {
    expect(fitText('Ferries return', 20)).toEqual({ kept: 'Ferries return', dropped: '' });
  });

  it('cuts after the last whole word, and says what was left out', () => {
    expect(fitText('Ferries return to the harbour', 18)).toEqual({ kept: 'Ferries return to', dropped: 'the harbour' });
    expect(fitText('Ferries return to the harbour', 17)).toEqual({ kept: 'Ferries return to', dropped: 'the harbour' });
  });

  it('cuts a word only when one word is longer than the room', () => {
    expect(fitText('x'.repeat(60), 50)).toEqual({ kept: 'x'.repeat(50), dropped: 'x'.repeat(10) });
    expect(fitText('abc', 0)).toEqual({ kept: '', dropped: 'abc' });
  });

  it('never splits a surrogate pair', () => {
    const { kept, dropped } = fitText('ab😀', 3);
    expect(kept).toBe('ab');
    expect(dropped).toBe('😀');
  });
});
