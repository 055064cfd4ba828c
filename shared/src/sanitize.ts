/**
 * Untrusted body JSON -> JSON valid for the article schema. Any client can write any XML into a
 * Y.Doc, so whatever renders a body (the server's HTML renderer, the client's version preview)
 * first rebuilds it keeping only what the shared schema knows: node and mark types, their
 * declared attributes, and http/https/mailto links.
 */
import type { PMNode } from './doc.js';
import { articleSchema, isSafeLinkHref } from './schema.js';

type Mark = NonNullable<PMNode['marks']>[number];

function cleanAttrs(type: string, attrs: Record<string, unknown> | undefined, kind: 'node' | 'mark'): Record<string, unknown> | undefined {
  const schema = articleSchema();
  const spec = kind === 'node' ? schema.nodes[type]?.spec : schema.marks[type]?.spec;
  const allowed = Object.keys(spec?.attrs ?? {});
  if (!attrs || allowed.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of allowed) {
    const v = attrs[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) out[key] = v;
  }
  if (type === 'heading') {
    const level = Number(out.level);
    out.level = [2, 3, 4].includes(level) ? level : 2;
  }
  if (type === 'orderedList') {
    const start = Number(out.start);
    out.start = Number.isInteger(start) && start >= 0 && start < 1_000_000 ? start : 1;
    if (out.type !== null && typeof out.type !== 'string') delete out.type;
  }
  return Object.keys(out).length ? out : undefined;
}

function cleanMarks(marks: Mark[] | undefined): Mark[] | undefined {
  const schema = articleSchema();
  const out: Mark[] = [];
  for (const m of marks ?? []) {
    if (!schema.marks[m.type] || out.some((o) => o.type === m.type)) continue;
    if (m.type === 'link') {
      const href = m.attrs?.href;
      if (!isSafeLinkHref(href)) continue;
      out.push({ type: 'link', attrs: { href: href.trim() } });
      continue;
    }
    out.push({ type: m.type });
  }
  return out.length ? out : undefined;
}

function cleanInline(nodes: PMNode[]): PMNode[] {
  const out: PMNode[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      if (typeof n.text !== 'string' || n.text === '') continue;
      const marks = cleanMarks(n.marks);
      out.push(marks ? { type: 'text', text: n.text, marks } : { type: 'text', text: n.text });
    } else if (n.type === 'hardBreak') {
      out.push({ type: 'hardBreak' });
    } else if (n.content) {
      // Unknown inline wrapper: keep its text, drop the wrapper.
      out.push(...cleanInline(n.content));
    }
  }
  return out;
}

/** Blocks for a container: stray inline content is wrapped in paragraphs, unknown blocks unwrapped. */
function cleanBlocks(nodes: PMNode[]): PMNode[] {
  const out: PMNode[] = [];
  let inline: PMNode[] = [];
  const flush = () => {
    const content = cleanInline(inline);
    if (content.length) out.push({ type: 'paragraph', content });
    inline = [];
  };
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'hardBreak') {
      inline.push(n);
      continue;
    }
    flush();
    out.push(...cleanBlock(n));
  }
  flush();
  return out;
}

function cleanBlock(n: PMNode): PMNode[] {
  switch (n.type) {
    case 'paragraph':
    case 'heading': {
      const attrs = cleanAttrs(n.type, n.attrs, 'node');
      const content = cleanInline(n.content ?? []);
      return [{ type: n.type, ...(attrs ? { attrs } : {}), ...(content.length ? { content } : {}) }];
    }
    case 'horizontalRule':
      return [{ type: 'horizontalRule' }];
    case 'blockquote': {
      const content = cleanBlocks(n.content ?? []);
      return content.length ? [{ type: 'blockquote', content }] : [];
    }
    case 'bulletList':
    case 'orderedList': {
      const items = (n.content ?? []).flatMap((child) =>
        child.type === 'listItem' ? [child] : [{ type: 'listItem', content: [child] } as PMNode],
      );
      const content = items
        .map((item) => ({ type: 'listItem', content: cleanBlocks(item.content ?? []) }))
        .map((item) => (item.content[0]?.type === 'paragraph' ? item : { ...item, content: [{ type: 'paragraph' }, ...item.content] }));
      const attrs = cleanAttrs(n.type, n.attrs, 'node');
      return content.length ? [{ type: n.type, ...(attrs ? { attrs } : {}), content }] : [];
    }
    default:
      // An unknown or misplaced block (a listItem outside a list, <script>, …): keep only its text.
      return cleanBlocks(n.content ?? []);
  }
}

/** Rebuilds untrusted body JSON so that it is valid for the article schema. */
export function sanitizeBody(json: PMNode): PMNode {
  const content = cleanBlocks(json.type === 'doc' ? (json.content ?? []) : [json]);
  const doc: PMNode = { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
  // The schema has the last word: anything it still rejects becomes plain paragraphs.
  try {
    articleSchema().nodeFromJSON(doc).check();
    return doc;
  } catch {
    return { type: 'doc', content: plainParagraphs(doc) };
  }
}

function plainParagraphs(doc: PMNode): PMNode[] {
  const texts: string[] = [];
  const walk = (n: PMNode) => {
    if (n.type === 'text' && n.text) texts.push(n.text);
    n.content?.forEach(walk);
  };
  walk(doc);
  return texts.length ? texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) : [{ type: 'paragraph' }];
}
