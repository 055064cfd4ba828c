import { articleSchema, bodyOf } from '@copydesk/shared';
import { Slice } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { initProseMirrorDoc, updateYFragment, ySyncPlugin, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { bindingOf, encodeAnchor } from './anchor.js';
import { commentHighlightsKey, commentHighlightsPlugin, DRAFT_ID, threadAt, type HighlightThread } from './comment-highlights.js';
import { find, paragraphText, twoReplicas } from './test-support.js';

/**
 * An editor state bound to replica `doc` as the Collaboration extension binds it, minus the
 * view: `remote()` rebuilds the document from Yjs like y-tiptap does after a peer's update, and
 * `local(tr)` applies a local edit and then writes it to Yjs like the sync plugin's view does.
 */
function boundEditor(doc: Y.Doc) {
  const type = bodyOf(doc);
  const first = initProseMirrorDoc(type, articleSchema());
  const mapping = first.meta.mapping as ProsemirrorBinding['mapping'];
  const activated: string[] = [];
  let state = EditorState.create({
    schema: articleSchema(),
    doc: first.doc,
    plugins: [
      ySyncPlugin(type, { mapping }),
      commentHighlightsPlugin({ onActivate: (id) => activated.push(id), onRanges: () => {}, binding: bindingOf }),
    ],
  });
  const ed = {
    get state() {
      return state;
    },
    activated,
    dispatch(tr: Transaction) {
      state = state.apply(tr);
    },
    setThreads(threads: HighlightThread[]) {
      ed.dispatch(state.tr.setMeta(commentHighlightsKey, { threads }));
    },
    remote() {
      const next = initProseMirrorDoc(type, articleSchema());
      mapping.clear();
      for (const [k, v] of next.meta.mapping) mapping.set(k, v);
      ed.dispatch(state.tr.replace(0, state.doc.content.size, new Slice(next.doc.content, 0, 0)).setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    },
    local(tr: Transaction) {
      ed.dispatch(tr);
      doc.transact(() => updateYFragment(doc, type, state.doc, { mapping, isOMark: new Map() }), ySyncPluginKey);
    },
    /** The highlighted text of each thread, as drawn. */
    highlighted(): Record<string, string> {
      const out: Record<string, string> = {};
      for (const d of commentHighlightsKey.getState(state)!.decorations.find()) {
        const spec = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
        const id = spec['data-thread-id'] ?? DRAFT_ID;
        out[id] = (out[id] ?? '') + state.doc.textBetween(d.from, d.to, '\n');
      }
      return out;
    },
    classOf(id: string): string | undefined {
      const d = commentHighlightsKey.getState(state)!.decorations.find().find((x) => (x as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-thread-id'] === id);
      return (d as unknown as { type: { attrs: Record<string, string> } } | undefined)?.type.attrs.class;
    },
  };
  return ed;
}

function threadOn(ed: ReturnType<typeof boundEditor>, id: string, words: string): HighlightThread {
  const r = find(ed.state.doc, words);
  return { id, anchor: encodeAnchor(bindingOf(ed.state)!, r.from, r.to) };
}

describe('comment highlights', () => {
  it('draw each thread on its words, marked for tests and for clicks', () => {
    const { a } = twoReplicas(['The mayor said the budget is balanced.', 'Critics disagree.']);
    const ed = boundEditor(a);
    ed.setThreads([threadOn(ed, 't1', 'budget'), threadOn(ed, 't2', 'Critics')]);
    expect(ed.highlighted()).toEqual({ t1: 'budget', t2: 'Critics' });
    expect(ed.classOf('t1')).toBe('comment-highlight');
    expect(threadAt(ed.state, find(ed.state.doc, 'budget').from + 2)).toBe('t1');
    expect(threadAt(ed.state, find(ed.state.doc, 'mayor').from)).toBeUndefined();
  });

  it('follow local typing before, at the edges of, and inside the passage', () => {
    const { a } = twoReplicas(['The mayor said the budget is balanced.']);
    const ed = boundEditor(a);
    ed.setThreads([threadOn(ed, 't1', 'budget')]);
    ed.local(ed.state.tr.insertText('Breaking: ', 1));
    let r = find(ed.state.doc, 'budget');
    ed.local(ed.state.tr.insertText('city ', r.from));
    r = find(ed.state.doc, 'budget');
    ed.local(ed.state.tr.insertText('ary', r.to));
    expect(ed.highlighted()).toEqual({ t1: 'budget' });
    ed.local(ed.state.tr.insertText('-ish', find(ed.state.doc, 'budget').from + 3));
    expect(ed.highlighted()).toEqual({ t1: 'bud-ishget' });
  });

  it('are recomputed from Yjs after a peer’s edits, and agree with the mapped ones', () => {
    const { a, b } = twoReplicas(['The mayor said the budget is balanced.']);
    const ed = boundEditor(a);
    ed.setThreads([threadOn(ed, 't1', 'budget')]);
    // This person types first (mapped), then a peer's edits arrive (recomputed from Yjs).
    ed.local(ed.state.tr.insertText('Now: ', 1));
    const t = paragraphText(b, 0);
    t.insert(t.toString().indexOf('budget'), 'whole ');
    t.insert(0, 'Update. ');
    ed.remote();
    expect(ed.state.doc.textContent).toBe('Update. Now: The mayor said the whole budget is balanced.');
    expect(ed.highlighted()).toEqual({ t1: 'budget' });
  });

  it('drop a thread whose words a peer deleted, and mark the active one', () => {
    const { a, b } = twoReplicas(['Keep this. Drop that.']);
    const ed = boundEditor(a);
    ed.setThreads([threadOn(ed, 'keep', 'Keep'), threadOn(ed, 'drop', 'Drop that')]);
    ed.dispatch(ed.state.tr.setMeta(commentHighlightsKey, { activeId: 'keep' }));
    expect(ed.classOf('keep')).toBe('comment-highlight is-active');
    const t = paragraphText(b, 0);
    t.delete(t.toString().indexOf(' Drop'), ' Drop that'.length);
    ed.remote();
    expect(ed.highlighted()).toEqual({ keep: 'Keep' });
    expect(commentHighlightsKey.getState(ed.state)!.ranges.has('drop')).toBe(false);
  });

  it('keep the draft passage marked while a peer edits', () => {
    const { a, b } = twoReplicas(['Please check this figure.']);
    const ed = boundEditor(a);
    const r = find(ed.state.doc, 'this figure');
    ed.dispatch(ed.state.tr.setMeta(commentHighlightsKey, { draft: encodeAnchor(bindingOf(ed.state)!, r.from, r.to) }));
    paragraphText(b, 0).insert(0, 'Editors: ');
    ed.remote();
    expect(ed.highlighted()).toEqual({ [DRAFT_ID]: 'this figure' });
    ed.dispatch(ed.state.tr.setMeta(commentHighlightsKey, { draft: undefined }));
    expect(ed.highlighted()).toEqual({});
  });
});
