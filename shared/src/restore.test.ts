import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, fragmentToJSON, type PMNode } from './doc.js';
import { restoreFragment } from './restore.js';
import { articleSchema } from './schema.js';

function docWith(json: PMNode): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(articleSchema(), json, bodyOf(doc));
  return doc;
}

const p = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });
const text = (t: string, marks?: PMNode['marks']): PMNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });

describe('restoreFragment', () => {
  it('makes the body say what the version said: blocks, attributes, marks, lists', () => {
    const version: PMNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Ferries')] },
        p(text('Boats leave '), text('every hour', [{ type: 'bold' }]), text(' from the north pier.')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('Monday'))] }] },
      ],
    };
    const live = docWith({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [text('Ferry times')] },
        p(text('Boats leave every half hour from the south pier.')),
        p(text('A paragraph added later.')),
      ],
    });
    restoreFragment(bodyOf(live), bodyOf(docWith(version)));
    expect(fragmentToJSON(bodyOf(live))).toEqual(fragmentToJSON(bodyOf(docWith(version))));
  });

  it('keeps words typed into a kept paragraph at the same moment, on another replica', () => {
    const live = docWith({ type: 'doc', content: [p(text('Boats leave every hour. k1 k2'))] });
    const typist = new Y.Doc();
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(live));
    const version = docWith({ type: 'doc', content: [p(text('Boats leave every hour.'))] });

    // Neither has seen the other's change yet.
    const t = (bodyOf(typist).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(t.length, ' k3');
    live.transact(() => restoreFragment(bodyOf(live), bodyOf(version)));
    Y.applyUpdate(live, Y.encodeStateAsUpdate(typist));
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(live));

    expect(bodyOf(live).toString()).toBe(bodyOf(typist).toString());
    expect(bodyOf(live).toString()).toContain('Boats leave every hour. k3');
    expect(bodyOf(live).toString()).not.toContain('k1');
  });
});
