/**
 * An article body as text to compare word by word, keeping what a reader sees besides the words:
 * which blocks are headings, list items, quotes or rules, and where links go. The server diffs
 * this text (versions, published revisions); the client's compare view reads the marks back and
 * draws each block as what it is, with link targets beside their words, so a changed heading
 * level, a new bullet or a changed link shows as a change.
 *
 * Blocks are separated by a blank line, as before. Each block starts with zero or more block
 * marks (one character each, from the Private Use Area, which no article text contains: they are
 * removed from the text first) and a link is `LINK_OPEN text LINK_HREF url LINK_CLOSE`. A plain
 * paragraph has no mark, so texts without structure compare exactly as plain text.
 */
import type { PMNode } from './doc.js';

/** Marks at the start of a block, outermost container first, then the block's own kind. */
export const BLOCK_MARK = {
  h2: '\uE002',
  h3: '\uE003',
  h4: '\uE004',
  /** A bullet list item (one per level of nesting). */
  bullet: '\uE010',
  /** A numbered list item. */
  ordered: '\uE011',
  /** A later paragraph of the same list item (no bullet or number of its own). */
  continued: '\uE012',
  quote: '\uE030',
  rule: '\uE040',
} as const;

export type BlockMarkName = keyof typeof BLOCK_MARK;

export const LINK_OPEN = '\uE020';
export const LINK_HREF = '\uE021';
export const LINK_CLOSE = '\uE022';

/** Every mark character this text uses (and strips from the article's own text). */
export const MARK_CHARS = /[\uE000-\uE0FF]/g;

const MARK_NAMES = new Map<string, BlockMarkName>(Object.entries(BLOCK_MARK).map(([name, ch]) => [ch, name as BlockMarkName]));

/** The block mark `ch` stands for, if it is one. */
export function blockMarkName(ch: string): BlockMarkName | undefined {
  return MARK_NAMES.get(ch);
}

const TEXTBLOCKS = new Set(['paragraph', 'heading']);

interface Frame {
  node: PMNode;
  /** Marks of the containers around this node. */
  prefix: string;
  /** For a list item: the mark of its list's kind. */
  item?: string;
}

/**
 * The body (ProseMirror JSON, as `fragmentToJSON` or a published revision holds it) as
 * comparable text. Walks without recursion; unknown nodes count as containers, so their text
 * is kept.
 */
export function comparableBody(doc: PMNode): string {
  const blocks: string[] = [];
  const stack: Frame[] = [{ node: doc, prefix: '' }];
  while (stack.length > 0) {
    const { node, prefix, item } = stack.pop()!;
    if (TEXTBLOCKS.has(node.type)) {
      const text = inlineText(node.content ?? []);
      if (text.trim() !== '') blocks.push(prefix + headingMark(node) + text);
      continue;
    }
    if (node.type === 'horizontalRule') {
      blocks.push(prefix + BLOCK_MARK.rule);
      continue;
    }
    if (node.type === 'text') {
      // Text straight in a container (a body stored before the update rules): its own block.
      const text = clean(node.text ?? '');
      if (text.trim() !== '') blocks.push(prefix + text);
      continue;
    }
    const children = node.content ?? [];
    const listMark = node.type === 'bulletList' ? BLOCK_MARK.bullet : node.type === 'orderedList' ? BLOCK_MARK.ordered : undefined;
    // Pushed in reverse, so the first child is handled first.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (listMark !== undefined) stack.push({ node: child, prefix, item: listMark });
      else stack.push({ node: child, prefix: prefix + childMark(node, i, item) });
    }
  }
  return blocks.join('\n\n');
}

function headingMark(node: PMNode): string {
  if (node.type !== 'heading') return '';
  const level = node.attrs?.level;
  return level === 3 ? BLOCK_MARK.h3 : level === 4 ? BLOCK_MARK.h4 : BLOCK_MARK.h2;
}

/** The mark a container gives its `i`th child: a list item's first block carries its bullet or number. */
function childMark(parent: PMNode, i: number, item: string | undefined): string {
  if (parent.type === 'blockquote') return BLOCK_MARK.quote;
  if (parent.type === 'listItem') return i === 0 ? (item ?? BLOCK_MARK.bullet) : BLOCK_MARK.continued;
  return '';
}

/** A textblock's text, with its links marked. */
function inlineText(content: PMNode[]): string {
  let out = '';
  let href: string | undefined;
  for (const node of content) {
    if (node.type === 'hardBreak') {
      out += '\n';
      continue;
    }
    if (node.type !== 'text') continue;
    const link = node.marks?.find((m) => m.type === 'link');
    const next = typeof link?.attrs?.href === 'string' ? clean(link.attrs.href) : undefined;
    if (next !== href) {
      if (href !== undefined) out += LINK_HREF + href + LINK_CLOSE;
      if (next !== undefined) out += LINK_OPEN;
      href = next;
    }
    out += clean(node.text ?? '');
  }
  if (href !== undefined) out += LINK_HREF + href + LINK_CLOSE;
  // A blank line would end the block; several breaks in a row compare as one.
  return out.replace(/\n[\s\n]*\n/g, '\n');
}

function clean(text: string): string {
  return text.replace(MARK_CHARS, '');
}
