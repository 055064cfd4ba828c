/**
 * Keeps a local caret where the person left it while someone else edits the same plain-text
 * field: an index in the text before a Y.Text change, mapped through the change's delta.
 */

/** The part of a Y.Text event delta that moves positions (Yjs's `YEvent.delta` entries). */
export interface DeltaOp {
  insert?: string | object;
  retain?: number;
  delete?: number;
}

function insertLength(insert: string | object): number {
  return typeof insert === 'string' ? insert.length : 1;
}

/**
 * The position `index` moves to. Text inserted exactly at the caret goes after it (the local
 * person keeps typing where they were); text deleted around the caret pulls it to the deletion.
 */
export function mapIndexThroughDelta(delta: readonly DeltaOp[], index: number): number {
  let pos = 0;
  let shift = 0;
  for (const op of delta) {
    if (pos >= index) break;
    if (op.retain !== undefined) {
      pos += op.retain;
    } else if (op.insert !== undefined) {
      shift += insertLength(op.insert);
    } else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, index - pos);
      pos += op.delete;
    }
  }
  return index + shift;
}

/** A field's selection after a remote change, clamped to the new text. */
export function mapSelectionThroughDelta(
  delta: readonly DeltaOp[],
  selection: { start: number; end: number },
  length: number,
): { start: number; end: number } {
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  return {
    start: clamp(mapIndexThroughDelta(delta, selection.start)),
    end: clamp(mapIndexThroughDelta(delta, selection.end)),
  };
}
