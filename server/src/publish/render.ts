/**
 * Article body -> safe HTML. The Y.Doc is untrusted: any client can write any XML into it. So
 * the body is read as ProseMirror JSON, rebuilt keeping only what the shared schema knows
 * (`sanitizeBody` in shared/, which the client's version preview uses too), and only then
 * rendered by TipTap's static renderer, which escapes text and attributes.
 */
import { createHash } from 'node:crypto';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import type * as Y from 'yjs';
import { articleExtensions, bodyOf, fragmentToJSON, sanitizeBody, type PMNode } from '@copydesk/shared';

export function renderHTML(body: PMNode): string {
  return renderToHTMLString({ extensions: articleExtensions, content: body });
}

export interface RenderedBody {
  json: PMNode;
  html: string;
}

/** Reads the document's body and renders it safely. */
export function renderDoc(doc: Y.Doc): RenderedBody {
  const json = sanitizeBody(fragmentToJSON(bodyOf(doc)));
  return { json, html: renderHTML(json) };
}

export function contentHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
