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

describe('fragmentToJSON', () => {
  it('reads what TipTap writes: nodes, attributes, text with marks', async () => {
    const { prosemirrorJSONToYXmlFragment } = await import('@tiptap/y-tiptap');
    const { articleSchema } = await import('./schema.js');
    const { bodyOf, fragmentToJSON } = await import('./doc.js');
    const { comparableBody, BLOCK_MARK, LINK_OPEN, LINK_HREF, LINK_CLOSE } = await import('./comparable.js');
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Sub' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Plain ' },
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' link', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] },
          ],
        },
      ],
    };
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(articleSchema(), json, bodyOf(doc));
    const back = fragmentToJSON(bodyOf(doc));
    expect(back.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Sub' }] });
    expect(back.content?.[1]?.content?.[1]).toEqual({ type: 'text', text: 'bold', marks: [{ type: 'bold' }] });
    expect(back.content?.[1]?.content?.[2]).toMatchObject({ text: ' link', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] });
    expect(comparableBody(back)).toBe(`${BLOCK_MARK.h2}Sub\n\nPlain bold${LINK_OPEN} link${LINK_HREF}https://example.com${LINK_CLOSE}`);
  });
});
