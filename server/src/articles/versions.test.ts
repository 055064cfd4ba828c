import { describe, expect, it } from 'vitest';
import { diffParts } from './versions.js';

describe('diffParts', () => {
  it('shows a changed figure as the whole old figure and the whole new one', () => {
    expect(diffParts('Repairs cost 4.2 million euros.', 'Repairs cost 4.27 million euros.')).toEqual([
      { value: 'Repairs cost ' },
      { value: '4.2', removed: true },
      { value: '4.27', added: true },
      { value: ' million euros.' },
    ]);
  });

  it('keeps contractions whole, and leaves unchanged text as one part', () => {
    expect(diffParts("They don't agree.", 'They do not agree.')).toEqual([
      { value: 'They ' },
      { value: "don't", removed: true },
      { value: 'do not', added: true },
      { value: ' agree.' },
    ]);
    expect(diffParts('Same words.', 'Same words.')).toEqual([{ value: 'Same words.' }]);
  });
});
