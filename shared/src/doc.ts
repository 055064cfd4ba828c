/**
 * The layout of an article's Y.Doc, shared by the editor and the server.
 *
 * - `body`: Y.XmlFragment holding the TipTap/ProseMirror document (see schema.ts).
 * - `headline`, `dek`: top-level Y.Text, so that two people typing in the headline at once
 *   merge character by character. (A Y.Map of Y.Text would need someone to create the inner
 *   texts first, and two offline clients creating them concurrently would lose one side.)
 * - `meta`: Y.Map for small fields edited as a whole; reserved, unused by the editor today.
 *
 * Everything that needs server-side authority (status, assignees, slug) lives in the database.
 */
import type * as Y from 'yjs';

export const DOC_BODY = 'body';
export const DOC_HEADLINE = 'headline';
export const DOC_DEK = 'dek';
export const DOC_META = 'meta';

export const HEADLINE_MAX = 200;
export const DEK_MAX = 400;

export function bodyOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOC_BODY);
}

export function headlineOf(doc: Y.Doc): Y.Text {
  return doc.getText(DOC_HEADLINE);
}

export function dekOf(doc: Y.Doc): Y.Text {
  return doc.getText(DOC_DEK);
}

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(DOC_META);
}

/**
 * Plain-text fields of the doc, trimmed of surrounding white space and cut at their limits (the
 * server refuses updates past them; a document stored before that check is cut here, so no list
 * or feed carries more).
 */
export function readMeta(doc: Y.Doc): { headline: string; dek: string } {
  return {
    headline: headlineOf(doc).toString().trim().slice(0, HEADLINE_MAX),
    dek: dekOf(doc).toString().trim().slice(0, DEK_MAX),
  };
}

/**
 * Replaces a Y.Text's content with `next` using the smallest single splice (common prefix and
 * suffix kept), so a remote caret or concurrent insert elsewhere in the field survives.
 */
export function spliceText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--;
    endNext--;
  }
  const apply = () => {
    if (endPrev > start) text.delete(start, endPrev - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}

/** A node of the body as Yjs holds it. */
type BodyNode = Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook;

/** Plain text of an XmlText run. */
function runText(node: Y.XmlText): string {
  return node.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('');
}

/**
 * Plain text under `root`, each element closed by a newline, walked with an explicit stack: a
 * body is untrusted, and nesting thousands of levels deep must not overflow the call stack.
 */
function plainText(root: BodyNode): string {
  const out: string[] = [];
  // A string on the stack is the newline that closes an element whose children are done.
  const stack: (BodyNode | string)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') out.push(node);
    else if (isXmlText(node)) out.push(runText(node));
    else if ('toArray' in node) {
      stack.push('\n');
      const children = node.toArray();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return out.join('');
}

/** The body's plain text, blocks separated by newlines (for word counts and previews). */
export function bodyText(fragment: Y.XmlFragment): string {
  return plainText(fragment).replace(/\n{2,}/g, '\n').trim();
}

function isXmlText(node: unknown): node is Y.XmlText {
  return typeof node === 'object' && node !== null && 'toDelta' in node && !('toArray' in node);
}

export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/**
 * How deep `fragmentToJSON` builds nodes; deeper content is kept as plain text at this level. The
 * server refuses updates nested deeper than its limit (MAX_BODY_DEPTH, at most this), so only a
 * document stored before that check can reach it; everything that renders a body recurses over
 * the JSON, and this bound is what keeps that safe.
 */
export const JSON_MAX_DEPTH = 64;

/**
 * The body as ProseMirror JSON, read straight from the Y.XmlFragment the way y-prosemirror
 * lays it out (elements by node name, text runs with marks as formatting attributes). The result
 * is NOT validated: pass it through the schema (see the server's renderer) before trusting it.
 * Built without recursion and at most JSON_MAX_DEPTH deep (deeper content becomes text).
 */
export function fragmentToJSON(fragment: Y.XmlFragment): PMNode {
  const doc: PMNode = { type: 'doc' };
  const stack: { parent: Y.XmlFragment | Y.XmlElement; into: PMNode; depth: number }[] = [{ parent: fragment, into: doc, depth: 0 }];
  while (stack.length > 0) {
    const { parent, into, depth } = stack.pop()!;
    const content: PMNode[] = [];
    for (const child of parent.toArray()) {
      if (isXmlText(child)) {
        content.push(...textRunToJSON(child));
      } else if ('nodeName' in child && 'getAttributes' in child) {
        const el = child as Y.XmlElement;
        if (depth >= JSON_MAX_DEPTH) {
          const text = plainText(el).replace(/\n+/g, ' ').trim();
          if (text) content.push({ type: 'text', text });
          continue;
        }
        const attrs = el.getAttributes() as Record<string, unknown>;
        const node: PMNode = { type: el.nodeName };
        if (Object.keys(attrs).length > 0) node.attrs = attrs;
        content.push(node);
        stack.push({ parent: el, into: node, depth: depth + 1 });
      }
    }
    if (content.length > 0 || into === doc) into.content = content;
  }
  return doc;
}

function textRunToJSON(text: Y.XmlText): PMNode[] {
  const out: PMNode[] = [];
  for (const d of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof d.insert !== 'string' || d.insert === '') continue;
    const node: PMNode = { type: 'text', text: d.insert };
    const marks = Object.entries(d.attributes ?? {}).map(([type, attrs]) => ({
      // y-prosemirror suffixes overlapping marks of one type with "--<hash>".
      type: type.split('--')[0]!,
      ...(attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0 ? { attrs: attrs as Record<string, unknown> } : {}),
    }));
    if (marks.length > 0) node.marks = marks;
    out.push(node);
  }
  return out;
}

