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

/** Plain-text fields of the doc, trimmed of surrounding white space. */
export function readMeta(doc: Y.Doc): { headline: string; dek: string } {
  return {
    headline: headlineOf(doc).toString().trim(),
    dek: dekOf(doc).toString().trim(),
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

/** The body's plain text, blocks separated by newlines (for word counts and previews). */
export function bodyText(fragment: Y.XmlFragment): string {
  const out: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook): void => {
    if (isXmlText(node)) {
      out.push(node.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join(''));
      return;
    }
    if ('toArray' in node) {
      for (const child of node.toArray()) walk(child);
      out.push('\n');
    }
  };
  walk(fragment);
  return out.join('').replace(/\n{2,}/g, '\n').trim();
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
 * The body as ProseMirror JSON, read straight from the Y.XmlFragment the way y-prosemirror
 * lays it out (elements by node name, text runs with marks as formatting attributes). The result
 * is NOT validated: pass it through the schema (see the server's renderer) before trusting it.
 */
export function fragmentToJSON(fragment: Y.XmlFragment): PMNode {
  return { type: 'doc', content: childrenToJSON(fragment) };
}

function childrenToJSON(parent: Y.XmlFragment | Y.XmlElement): PMNode[] {
  const out: PMNode[] = [];
  for (const child of parent.toArray()) {
    if (isXmlText(child)) {
      for (const d of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
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
    } else if ('nodeName' in child && 'getAttributes' in child) {
      const el = child as Y.XmlElement;
      const attrs = el.getAttributes() as Record<string, unknown>;
      const node: PMNode = { type: el.nodeName };
      if (Object.keys(attrs).length > 0) node.attrs = attrs;
      const content = childrenToJSON(el);
      if (content.length > 0) node.content = content;
      out.push(node);
    }
  }
  return out;
}

/** Plain text of each top-level block of the body (for comparing versions). */
export function bodyBlocks(fragment: Y.XmlFragment): string[] {
  return fragment.toArray().map((node) => {
    const tmp: string[] = [];
    const walk = (n: unknown): void => {
      if (isXmlText(n)) tmp.push(n.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join(''));
      else if (n && typeof n === 'object' && 'toArray' in n) {
        for (const c of (n as Y.XmlElement).toArray()) walk(c);
        tmp.push('\n');
      }
    };
    walk(node);
    return tmp.join('').replace(/\n+/g, '\n').trim();
  });
}
