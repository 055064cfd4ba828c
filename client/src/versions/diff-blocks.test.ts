import { describe, expect, it } from 'vitest';
import { diffStats, statsText, toBlocks } from './diff-blocks.js';

describe('toBlocks', () => {
  it('keeps a one-block diff as insertions, deletions and unchanged runs in order', () => {
    const blocks = toBlocks([
      { value: 'The council ' },
      { value: 'approved', removed: true },
      { value: 'rejected', added: true },
      { value: ' the plan.' },
    ]);
    expect(blocks).toEqual([
      {
        changed: true,
        segments: [
          { kind: 'same', text: 'The council ' },
          { kind: 'del', text: 'approved' },
          { kind: 'ins', text: 'rejected' },
          { kind: 'same', text: ' the plan.' },
        ],
      },
    ]);
  });

  it('splits at blank lines, also inside a change, and marks unchanged blocks', () => {
    const blocks = toBlocks([
      { value: 'First paragraph.\n\nSecond ' },
      { value: 'one', removed: true },
      { value: 'paragraph', added: true },
      { value: '.' },
      { value: '\n\nA new closing paragraph.', added: true },
    ]);
    expect(blocks.map((b) => [b.changed, b.segments.map((s) => `${s.kind}:${s.text}`)])).toEqual([
      [false, ['same:First paragraph.']],
      [true, ['same:Second ', 'del:one', 'ins:paragraph', 'same:.']],
      [true, ['ins:A new closing paragraph.']],
    ]);
  });

  it('keeps single line breaks inside a block (list items, hard breaks)', () => {
    expect(toBlocks([{ value: 'one\ntwo' }])[0]!.segments).toEqual([{ kind: 'same', text: 'one\ntwo' }]);
  });

  it('gives nothing for an empty diff', () => {
    expect(toBlocks([])).toEqual([]);
    expect(toBlocks([{ value: '' }])).toEqual([]);
  });
});

describe('diffStats', () => {
  it('counts inserted and deleted words', () => {
    const parts = [{ value: 'Keep ' }, { value: 'two words', removed: true }, { value: 'three new words', added: true }];
    expect(diffStats(parts)).toEqual({ inserted: 3, deleted: 2 });
    expect(statsText(diffStats(parts))).toBe('3 words added, 2 removed');
    expect(statsText({ inserted: 1, deleted: 0 })).toBe('1 word added');
    expect(statsText({ inserted: 0, deleted: 0 })).toBe('No changes in the text');
  });
});
