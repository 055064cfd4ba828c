import { describe, expect, it } from 'vitest';
import { BLOCK_MARK as M, LINK_CLOSE, LINK_HREF, LINK_OPEN } from '@copydesk/shared';
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
        shape: { tag: 'p', quote: 0, list: [] },
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
    expect(diffStats(parts)).toEqual({ inserted: 3, deleted: 2, links: 0 });
    expect(statsText(diffStats(parts))).toBe('3 words added, 2 removed');
    expect(statsText({ inserted: 1, deleted: 0 })).toBe('1 word added');
    expect(statsText({ inserted: 0, deleted: 0 })).toBe('No changes in the text');
  });

  it('counts a changed link target as a changed link, not as words', () => {
    const parts = [
      { value: `See the ${LINK_OPEN}map${LINK_HREF}https://` },
      { value: 'a', removed: true },
      { value: 'b', added: true },
      { value: `.example/map${LINK_CLOSE}.` },
    ];
    expect(diffStats(parts)).toEqual({ inserted: 0, deleted: 0, links: 1 });
    expect(statsText(diffStats(parts))).toBe('1 link changed');
    const added = [{ value: 'See the ' }, { value: LINK_OPEN, added: true }, { value: 'map' }, { value: `${LINK_HREF}https://a.example${LINK_CLOSE}`, added: true }];
    expect(statsText(diffStats([...added, { value: ' now', added: true }]))).toBe('1 word added; 1 link changed');
  });
});

describe('block structure', () => {
  const shapes = (parts: Parameters<typeof toBlocks>[0]) =>
    toBlocks(parts).map((b) => [b.shape.tag, b.shape.list.join('/'), b.shape.quote, b.number ?? null, b.side ?? null, b.was?.tag ?? null]);

  it('draws headings, numbered and bulleted items, quotes and rules from the marks, never showing them', () => {
    const blocks = toBlocks([{ value: `${M.h2}Timetable\n\n${M.ordered}Monday\n\n${M.ordered}Tuesday\n\n${M.continued}${M.bullet}early\n\n${M.quote}“We sail.”\n\n${M.rule}` }]);
    expect(blocks.map((b) => [b.shape.tag, b.shape.list.join('/'), b.shape.quote, b.number ?? null])).toEqual([
      ['h2', '', 0, null],
      ['p', 'ordered', 0, 1],
      ['p', 'ordered', 0, 2],
      ['p', 'continued/bullet', 0, null],
      ['p', '', 1, null],
      ['hr', '', 0, null],
    ]);
    expect(blocks.flatMap((b) => b.segments.map((s) => s.text)).join('|')).toBe('Timetable|Monday|Tuesday|early|“We sail.”');
  });

  it('says what a block was when its kind changed, and which blocks were inserted or deleted', () => {
    expect(
      shapes([
        { value: M.h2, removed: true },
        { value: M.h3, added: true },
        { value: 'Timetable\n\n' },
        { value: `${M.bullet}Gone\n\n`, removed: true },
        { value: `${M.rule}\n\n`, added: true },
        { value: 'Kept' },
      ]),
    ).toEqual([
      ['h3', '', 0, null, null, 'h2'],
      ['p', 'bullet', 0, null, 'del', null],
      ['hr', '', 0, null, 'ins', null],
      ['p', '', 0, null, null, null],
    ]);
  });

  it('splits links into their words and their target', () => {
    const [block] = toBlocks([{ value: `See the ${LINK_OPEN}map${LINK_HREF}https://` }, { value: 'a', removed: true }, { value: 'b', added: true }, { value: `.example${LINK_CLOSE}.` }]);
    expect(block!.segments.map((s) => `${s.kind}:${s.link ?? ''}:${s.text}`)).toEqual([
      'same::See the ',
      'same:text:map',
      'same:href: → ',
      'same:href:https://',
      'del:href:a',
      'ins:href:b',
      'same:href:.example',
      'same::.',
    ]);
    expect(block!.changed).toBe(true);
  });
});
