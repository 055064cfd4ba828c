/**
 * Reads back the structure the server keeps in a compared body (shared/comparable.ts): the marks
 * at a block's start say what the block is (heading, list item, quote, rule) on each side of the
 * comparison, and link marks say which words link where. Marks are never shown as text.
 */
import { LINK_CLOSE, LINK_HREF, LINK_OPEN, blockMarkName, countWords, type BlockMarkName } from '@copydesk/shared';
import type { DiffPart } from '../api/versions.js';

export type SegmentKind = 'same' | 'ins' | 'del';

export interface Segment {
  kind: SegmentKind;
  text: string;
  /** Part of a link: its words, or where it goes (shown after the words). */
  link?: 'text' | 'href';
}

export type ListMark = 'bullet' | 'ordered' | 'continued';

export interface BlockShape {
  tag: 'p' | 'h2' | 'h3' | 'h4' | 'hr';
  /** Quotes around the block. */
  quote: number;
  /** List nesting, outermost first; the last is the block's own (a later paragraph of an item is `continued`). */
  list: ListMark[];
}

/** The shape the marks at a block's start describe. */
export function shapeOf(marks: readonly BlockMarkName[]): BlockShape {
  const shape: BlockShape = { tag: 'p', quote: 0, list: [] };
  for (const mark of marks) {
    if (mark === 'quote') shape.quote++;
    else if (mark === 'bullet' || mark === 'ordered' || mark === 'continued') shape.list.push(mark);
    else if (mark === 'rule') shape.tag = 'hr';
    else shape.tag = mark;
  }
  return shape;
}

const LINK_SPLIT = /([\uE020-\uE022])/;

const sameShape = (a: BlockShape, b: BlockShape) => a.tag === b.tag && a.quote === b.quote && a.list.join() === b.list.join();

export interface BlockStructure {
  segments: Segment[];
  shape: BlockShape;
  /** The block's shape before, when it changed (a paragraph that became a heading). */
  was?: BlockShape;
  /** The block is in the later text (else it was deleted), and in the earlier one (else inserted). */
  after: boolean;
  before: boolean;
}

/**
 * Takes the block marks off the start of a block's segments (a mark inserted or deleted tells
 * the shape on that side only), then splits its links into words and targets.
 */
export function readBlock(segments: readonly Segment[]): BlockStructure {
  const afterMarks: BlockMarkName[] = [];
  const beforeMarks: BlockMarkName[] = [];
  const rest: Segment[] = [];
  let leading = true;
  for (const s of segments) {
    let text = s.text;
    if (leading) {
      let i = 0;
      for (const ch of text) {
        const mark = blockMarkName(ch);
        if (!mark) break;
        if (s.kind !== 'del') afterMarks.push(mark);
        if (s.kind !== 'ins') beforeMarks.push(mark);
        i += ch.length;
      }
      text = text.slice(i);
      if (text !== '') leading = false;
    }
    if (text !== '') rest.push({ ...s, text });
  }
  const after = afterMarks.length > 0 || rest.some((s) => s.kind !== 'del' && s.text.trim() !== '');
  const before = beforeMarks.length > 0 || rest.some((s) => s.kind !== 'ins' && s.text.trim() !== '');
  const shape = shapeOf(after ? afterMarks : beforeMarks);
  const was = after && before ? shapeOf(beforeMarks) : undefined;
  return { segments: withLinks(rest), shape, after, before, ...(was && !sameShape(was, shape) ? { was } : {}) };
}

/** Splits segments at link marks: words of a link get `link: 'text'`, its target `link: 'href'`. */
function withLinks(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  let state: 'none' | 'text' | 'href' = 'none';
  for (const s of segments) {
    for (const piece of s.text.split(LINK_SPLIT)) {
      if (piece === LINK_OPEN) state = 'text';
      else if (piece === LINK_HREF) {
        state = 'href';
        out.push({ kind: s.kind, text: ' → ', link: 'href' });
      } else if (piece === LINK_CLOSE) state = 'none';
      else if (piece !== '') out.push({ kind: s.kind, text: piece, ...(state === 'none' ? {} : { link: state }) });
    }
  }
  return out;
}

/** What a shape is called in a note ("was a paragraph"). */
export function shapeName(shape: BlockShape): string {
  if (shape.tag === 'hr') return 'a rule';
  if (shape.tag !== 'p') return `a level ${shape.tag.slice(1)} heading`;
  const own = shape.list.at(-1);
  if (own === 'bullet') return 'a bulleted item';
  if (own === 'ordered') return 'a numbered item';
  if (shape.quote > 0) return 'a quote';
  return 'a paragraph';
}

export interface DiffStats {
  inserted: number;
  deleted: number;
  /** Links added, removed or pointed elsewhere. */
  links?: number;
}

/**
 * One side of a diff (the later text: unchanged and inserted runs; the earlier: unchanged and
 * deleted): the words it changed, outside link targets, and the links it changed (a link whose
 * marks or target are in a changed run).
 */
function sideStats(parts: readonly DiffPart[], changedRun: (p: DiffPart) => boolean, onSide: (p: DiffPart) => boolean): { words: number; links: number } {
  let words = 0;
  let links = 0;
  let inHref = false;
  let linkChanged = false;
  for (const part of parts) {
    if (!onSide(part)) continue;
    const changed = changedRun(part);
    for (const piece of part.value.split(LINK_SPLIT)) {
      if (piece === LINK_OPEN) linkChanged = changed;
      else if (piece === LINK_HREF) [inHref, linkChanged] = [true, linkChanged || changed];
      else if (piece === LINK_CLOSE) {
        if (linkChanged || changed) links++;
        [inHref, linkChanged] = [false, false];
      } else if (inHref) linkChanged ||= changed && piece !== '';
      else if (changed) words += countWords(piece);
    }
  }
  return { words, links };
}

/** Words inserted and deleted (not counting link targets), and links changed. */
export function diffStats(parts: readonly DiffPart[]): DiffStats {
  const after = sideStats(parts, (p) => p.added === true, (p) => p.removed !== true);
  const before = sideStats(parts, (p) => p.removed === true, (p) => p.added !== true);
  return { inserted: after.words, deleted: before.words, links: Math.max(after.links, before.links) };
}

/** "4 words added, 1 removed", "1 link changed", "No changes". */
export function statsText({ inserted, deleted, links = 0 }: DiffStats): string {
  const words = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  const linkText = links > 0 ? `${links} ${links === 1 ? 'link' : 'links'} changed` : '';
  let text = '';
  if (deleted === 0 && inserted > 0) text = `${words(inserted)} added`;
  else if (inserted === 0 && deleted > 0) text = `${words(deleted)} removed`;
  else if (inserted > 0) text = `${words(inserted)} added, ${deleted} removed`;
  if (text && linkText) return `${text}; ${linkText}`;
  return text || linkText || 'No changes in the text';
}
