/**
 * Headless stand-ins for the editor in unit tests: two Yjs replicas of an article body that sync
 * like two browsers, and a ProseMirror document with y-tiptap's mapping, rebuilt from Yjs the
 * way the sync plugin does after a remote change. No DOM needed.
 */
import { articleSchema, bodyOf } from '@copydesk/shared';
import type { Node as PMNode } from '@tiptap/pm/model';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { YBinding } from './anchor.js';

/** Two replicas that exchange every update at once (as a live connection would). */
export function twoReplicas(paragraphs: string[]): { a: Y.Doc; b: Y.Doc } {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(b, u, 'sync'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(a, u, 'sync'));
  prosemirrorJSONToYXmlFragment(articleSchema(), { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }, bodyOf(a));
  return { a, b };
}

/** The body as ProseMirror sees it now, with a fresh Yjs↔ProseMirror mapping. */
export function render(doc: Y.Doc): { pm: PMNode; binding: YBinding } {
  const type = bodyOf(doc);
  const { doc: pm, meta } = initProseMirrorDoc(type, articleSchema());
  return { pm, binding: { doc, type, mapping: meta.mapping as ProsemirrorBinding['mapping'] } };
}

/** ProseMirror positions of the `nth` occurrence of `words` in `pm`. */
export function find(pm: PMNode, words: string, nth = 0): { from: number; to: number } {
  const hits: number[] = [];
  pm.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    for (let i = node.text.indexOf(words); i >= 0; i = node.text.indexOf(words, i + 1)) hits.push(pos + i);
  });
  const from = hits[nth];
  if (from === undefined) throw new Error(`"${words}" not found`);
  return { from, to: from + words.length };
}

/** The first text node of the `index`th paragraph of a replica's body (to edit it like a peer). */
export function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  return (bodyOf(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}
