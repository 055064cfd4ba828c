/**
 * Comment anchors: a passage of the body as a pair of Yjs relative positions, so a thread stays
 * on its words while others type around them. Positions go from ProseMirror to Yjs and back
 * through y-tiptap's mapping (the sync plugin's binding keeps it current); the server stores
 * them base64-encoded (`Y.encodeRelativePosition`).
 *
 * The start sticks to the first commented character and the end to the last, so text typed
 * right before or right after the passage stays outside it.
 */
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { CommentAnchor } from '../api/comments.js';

/** What converting positions needs: the doc, the body fragment and the Yjs↔ProseMirror mapping. */
export interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorBinding['mapping'];
}

/** A resolved passage in the current ProseMirror document. */
export interface Range {
  from: number;
  to: number;
}

/** The ySync plugin's binding in `state`, or undefined before the editor is bound to its doc. */
export function bindingOf(state: EditorState): YBinding | undefined {
  const sync: unknown = ySyncPluginKey.getState(state);
  if (typeof sync !== 'object' || sync === null || !('binding' in sync)) return undefined;
  const binding = sync.binding as ProsemirrorBinding | null | undefined;
  if (!binding?.doc || !binding.type || !(binding.mapping instanceof Map)) return undefined;
  return { doc: binding.doc, type: binding.type, mapping: binding.mapping };
}

/** Re-creates `rel` at the same place, attached to the character after it (assoc 0) or before it (-1). */
function stick(rel: Y.RelativePosition, doc: Y.Doc, assoc: 0 | -1): Y.RelativePosition {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  return abs ? Y.createRelativePositionFromTypeIndex(abs.type, abs.index, assoc) : rel;
}

const encode = (rel: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(rel));

/** The anchor of the passage `from`–`to` (ProseMirror positions in the bound document). */
export function encodeAnchor(binding: YBinding, from: number, to: number): CommentAnchor {
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  return { from: encode(stick(start, binding.doc, 0)), to: encode(stick(end, binding.doc, -1)) };
}

/** Decodes one base64 position; undefined when it is not one. */
export function decodePosition(encoded: string): Y.RelativePosition | undefined {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return undefined;
  }
}

/** One position in the current ProseMirror document, or null when it is not in the body (now). */
function toAbsolute(binding: YBinding, rel: Y.RelativePosition): number | null {
  const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping);
  if (pos !== null || rel.item === null) return pos;
  // y-tiptap distrusts a character position that lands on the document's first character (a
  // guard against block moves), which would lose a comment on an article's first word. Yjs
  // knows where that character is: ask again by index, with a position y-tiptap accepts.
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
  if (!abs || !(abs.type instanceof Y.XmlText) || abs.index !== 0) return null;
  return relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromTypeIndex(abs.type, 0, -1), binding.mapping);
}

/**
 * Where a pair of positions is now, or null when the passage is gone (its words deleted) or
 * not here yet (this replica has not received the text the positions point into).
 */
export function resolvePositions(binding: YBinding, from: Y.RelativePosition, to: Y.RelativePosition, docSize: number): Range | null {
  const start = toAbsolute(binding, from);
  const end = toAbsolute(binding, to);
  if (start === null || end === null || start < 0 || end > docSize || end <= start) return null;
  return { from: start, to: end };
}

export function resolveAnchor(binding: YBinding, anchor: CommentAnchor, docSize: number): Range | null {
  const from = decodePosition(anchor.from);
  const to = decodePosition(anchor.to);
  return from && to ? resolvePositions(binding, from, to, docSize) : null;
}
