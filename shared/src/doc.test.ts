import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineOf, readMeta, spliceText } from './doc.js';

describe('spliceText', () => {
  it('edits only the changed middle so a concurrent insert elsewhere survives', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    headlineOf(a).insert(0, 'City council votes');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    spliceText(headlineOf(a), 'City council vetoes');
    headlineOf(b).insert(0, 'Breaking: ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(headlineOf(a).toString()).toBe('Breaking: City council vetoes');
    expect(readMeta(b).headline).toBe('Breaking: City council vetoes');
  });

  it('keeps unicode intact', () => {
    const doc = new Y.Doc();
    spliceText(headlineOf(doc), '“Déjà vu” — 東京');
    spliceText(headlineOf(doc), '“Déjà vu” – 東京 🚀');
    expect(headlineOf(doc).toString()).toBe('“Déjà vu” – 東京 🚀');
  });
});
