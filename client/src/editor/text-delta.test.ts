import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapIndexThroughDelta, mapSelectionThroughDelta, type DeltaOp } from './text-delta.js';

describe('mapIndexThroughDelta', () => {
  it.each<[string, DeltaOp[], number, number]>([
    ['insert before the caret moves it right', [{ retain: 2 }, { insert: 'abc' }], 5, 8],
    ['insert at the start moves it right', [{ insert: 'Breaking: ' }], 3, 13],
    ['insert at the caret leaves it', [{ retain: 5 }, { insert: 'x' }], 5, 5],
    ['insert after the caret leaves it', [{ retain: 7 }, { insert: 'x' }], 5, 5],
    ['delete before the caret moves it left', [{ retain: 1 }, { delete: 2 }], 5, 3],
    ['delete across the caret pulls it to the deletion', [{ retain: 3 }, { delete: 4 }], 5, 3],
    ['delete after the caret leaves it', [{ retain: 5 }, { delete: 4 }], 5, 5],
    ['replace before the caret', [{ retain: 1 }, { delete: 2 }, { insert: 'wxyz' }], 6, 8],
    ['an empty delta is the identity', [], 4, 4],
  ])('%s', (_name, delta, index, expected) => {
    expect(mapIndexThroughDelta(delta, index)).toBe(expected);
  });

  it('follows a real remote Y.Text change', () => {
    const local = new Y.Doc();
    const remote = new Y.Doc();
    local.getText('t').insert(0, 'City council votes');
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
    remote.getText('t').insert(0, 'Breaking: ');
    remote.getText('t').delete(remote.getText('t').length - 5, 5);
    remote.getText('t').insert(remote.getText('t').length, 'vetoes');
    let delta: DeltaOp[] = [];
    local.getText('t').observe((event) => {
      delta = event.delta as DeltaOp[];
    });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
    // Caret after "council" in the old text stays after "council".
    const caret = 'City council'.length;
    const mapped = mapIndexThroughDelta(delta, caret);
    expect(local.getText('t').toString().slice(0, mapped)).toBe('Breaking: City council');
  });
});

describe('mapSelectionThroughDelta', () => {
  it('clamps to the new length', () => {
    expect(mapSelectionThroughDelta([{ delete: 10 }], { start: 8, end: 10 }, 0)).toEqual({ start: 0, end: 0 });
  });
});
