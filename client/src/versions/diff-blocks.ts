/**
 * A word diff (runs of unchanged, inserted and deleted text, as the server sends it) laid out
 * for reading: split into the article's blocks (the server separates blocks with a blank line),
 * each block a list of segments drawn as plain text, <ins> or <del>. Also counts what changed.
 */
import { countWords } from '@copydesk/shared';
import type { DiffPart } from '../api/versions.js';

export type SegmentKind = 'same' | 'ins' | 'del';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

export interface DiffBlock {
  segments: Segment[];
  /** Something in the block was inserted or deleted (unchanged blocks can be folded away). */
  changed: boolean;
}

const kindOf = (part: DiffPart): SegmentKind => (part.added ? 'ins' : part.removed ? 'del' : 'same');

/** Splits diff parts into blocks at blank lines; a block break inside a change starts a new block. */
export function toBlocks(parts: readonly DiffPart[]): DiffBlock[] {
  const blocks: Segment[][] = [[]];
  for (const part of parts) {
    const kind = kindOf(part);
    part.value.split(/\n[ \t]*\n\s*/).forEach((piece, i) => {
      if (i > 0) blocks.push([]);
      if (piece !== '') blocks[blocks.length - 1]!.push({ kind, text: piece });
    });
  }
  return blocks
    .map((segments) => trimBlock(segments))
    .filter((segments) => segments.some((s) => s.text.trim() !== ''))
    .map((segments) => ({ segments, changed: segments.some((s) => s.kind !== 'same' && s.text.trim() !== '') }));
}

/** Drops whitespace-only unchanged runs at a block's edges (left over from the blank-line split). */
function trimBlock(segments: Segment[]): Segment[] {
  const out = [...segments];
  while (out[0]?.kind === 'same' && out[0].text.trim() === '') out.shift();
  while (out.at(-1)?.kind === 'same' && out.at(-1)!.text.trim() === '') out.pop();
  return out;
}

export interface DiffStats {
  inserted: number;
  deleted: number;
}

/** Words inserted and deleted. */
export function diffStats(parts: readonly DiffPart[]): DiffStats {
  let inserted = 0;
  let deleted = 0;
  for (const part of parts) {
    if (part.added) inserted += countWords(part.value);
    else if (part.removed) deleted += countWords(part.value);
  }
  return { inserted, deleted };
}

/** "4 words added, 1 removed", "No changes". */
export function statsText({ inserted, deleted }: DiffStats): string {
  if (inserted === 0 && deleted === 0) return 'No changes in the text';
  const words = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  if (deleted === 0) return `${words(inserted)} added`;
  if (inserted === 0) return `${words(deleted)} removed`;
  return `${words(inserted)} added, ${deleted} removed`;
}
