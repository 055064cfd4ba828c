/**
 * A word diff (runs of unchanged, inserted and deleted text, as the server sends it) laid out
 * for reading: split into the article's blocks (the server separates blocks with a blank line),
 * each block a list of segments drawn as plain text, <ins> or <del>, with its shape (heading,
 * list item, quote, rule: diff-structure.ts) and, for numbered items, its number.
 */
import type { DiffPart } from '../api/versions.js';
import { readBlock, type BlockShape, type Segment, type SegmentKind } from './diff-structure.js';

export { diffStats, statsText, shapeName, type BlockShape, type DiffStats, type Segment, type SegmentKind } from './diff-structure.js';

export interface DiffBlock {
  segments: Segment[];
  /** Something in the block was inserted or deleted (unchanged blocks can be folded away). */
  changed: boolean;
  shape: BlockShape;
  /** Its shape before, when that changed. */
  was?: BlockShape;
  /** Only in the later text (inserted), or only in the earlier one (deleted). */
  side?: 'ins' | 'del';
  /** A numbered item's number in the later text. */
  number?: number;
}

const kindOf = (part: DiffPart): SegmentKind => (part.added ? 'ins' : part.removed ? 'del' : 'same');

/** Splits diff parts into blocks at blank lines; a block break inside a change starts a new block. */
export function toBlocks(parts: readonly DiffPart[]): DiffBlock[] {
  const pieces: Segment[][] = [[]];
  for (const part of parts) {
    const kind = kindOf(part);
    part.value.split(/\n[ \t]*\n\s*/).forEach((piece, i) => {
      if (i > 0) pieces.push([]);
      if (piece !== '') pieces[pieces.length - 1]!.push({ kind, text: piece });
    });
  }
  const blocks: DiffBlock[] = [];
  for (const raw of pieces) {
    const read = readBlock(raw);
    const segments = trimBlock(read.segments);
    if (read.shape.tag !== 'hr' && !segments.some((s) => s.text.trim() !== '')) continue;
    const side = !read.before ? 'ins' : !read.after ? 'del' : undefined;
    const changed = side !== undefined || read.was !== undefined || segments.some((s) => s.kind !== 'same' && s.text.trim() !== '');
    blocks.push({ segments, changed, shape: read.shape, ...(read.was ? { was: read.was } : {}), ...(side ? { side } : {}) });
  }
  return number(blocks);
}

/** Numbers the numbered items of the later text, per list level. */
function number(blocks: DiffBlock[]): DiffBlock[] {
  let counters: number[] = [];
  for (const block of blocks) {
    if (block.side === 'del') continue;
    const { list } = block.shape;
    const depth = list.length;
    counters = counters.slice(0, depth);
    const own = list.at(-1);
    if (own === 'ordered') block.number = counters[depth - 1] = (counters[depth - 1] ?? 0) + 1;
    else if (own === 'bullet') counters[depth - 1] = 0;
  }
  return blocks;
}

/** Drops whitespace-only unchanged runs at a block's edges (left over from the blank-line split). */
function trimBlock(segments: Segment[]): Segment[] {
  const out = [...segments];
  while (out[0]?.kind === 'same' && out[0].text.trim() === '') out.shift();
  while (out.at(-1)?.kind === 'same' && out.at(-1)!.text.trim() === '') out.pop();
  return out;
}
