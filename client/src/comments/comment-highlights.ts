/**
 * Comment highlights in the body: a ProseMirror plugin (as a TipTap extension) that draws each
 * open thread's passage as an inline decoration and keeps it on its words while others edit.
 *
 * Positions come from the threads' Yjs relative positions whenever the document is rebuilt from
 * Yjs (a remote change: y-tiptap replaces the whole document and has just rebuilt its mapping)
 * or the threads change. A local edit has not reached Yjs yet when plugins see it, so then the
 * ranges are mapped through the transaction instead, as the collaboration caret plugin does.
 * Clicking a highlight activates its thread.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { CommentAnchor } from '../api/comments.js';
import { bindingOf, decodePosition, resolvePositions, type Range, type YBinding } from './anchor.js';

/** A thread as the highlights need it. */
export interface HighlightThread {
  id: string;
  anchor: CommentAnchor;
}

interface Anchored {
  id: string;
  from: Y.RelativePosition;
  to: Y.RelativePosition;
}

export interface HighlightState {
  threads: readonly Anchored[];
  activeId: string | undefined;
  /** The passage a comment is being written about, not yet posted. */
  draft: Anchored | undefined;
  /** Where each thread's passage (and the draft's, under DRAFT_ID) is now; gone words are absent. */
  ranges: ReadonlyMap<string, Range>;
  decorations: DecorationSet;
}

/** The key of the draft's passage in `ranges`. */
export const DRAFT_ID = '#draft';

type Meta = { threads: readonly HighlightThread[] } | { activeId: string | undefined } | { draft: CommentAnchor | undefined };

export const commentHighlightsKey = new PluginKey<HighlightState>('copydeskCommentHighlights');

export interface CommentHighlightOptions {
  /** Someone clicked the highlight of this thread. */
  onActivate: (threadId: string) => void;
  /** The resolved passages changed (a thread's words were deleted, or arrived). */
  onRanges: (ranges: ReadonlyMap<string, Range>) => void;
  /** Finds the Yjs binding; the ySync plugin's by default (tests pass their own). */
  binding: (state: EditorState) => YBinding | undefined;
}

function decorate(doc: EditorState['doc'], ranges: ReadonlyMap<string, Range>, activeId: string | undefined): DecorationSet {
  const decorations: Decoration[] = [];
  for (const [id, { from, to }] of ranges) {
    if (id === DRAFT_ID) decorations.push(Decoration.inline(from, to, { class: 'comment-draft' }));
    else decorations.push(
      Decoration.inline(from, to, {
        class: id === activeId ? 'comment-highlight is-active' : 'comment-highlight',
        'data-testid': 'comment-highlight',
        'data-thread-id': id,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

function resolveAll(state: EditorState, threads: readonly Anchored[], binding: YBinding | undefined): Map<string, Range> {
  const ranges = new Map<string, Range>();
  if (!binding) return ranges;
  for (const t of threads) {
    const range = resolvePositions(binding, t.from, t.to, state.doc.content.size);
    if (range) ranges.set(t.id, range);
  }
  return ranges;
}

function mapRanges(tr: Transaction, ranges: ReadonlyMap<string, Range>): Map<string, Range> {
  const mapped = new Map<string, Range>();
  for (const [id, r] of ranges) {
    const from = tr.mapping.map(r.from, 1);
    const to = tr.mapping.map(r.to, -1);
    if (to > from) mapped.set(id, { from, to });
  }
  return mapped;
}

function anchored(threads: readonly HighlightThread[]): Anchored[] {
  // Anchors are decoded once, when the threads arrive, not on every keystroke.
  return threads.flatMap((t) => {
    const from = decodePosition(t.anchor.from);
    const to = decodePosition(t.anchor.to);
    return from && to ? [{ id: t.id, from, to }] : [];
  });
}

function sameRanges(a: ReadonlyMap<string, Range>, b: ReadonlyMap<string, Range>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, r] of a) {
    const o = b.get(id);
    if (!o || o.from !== r.from || o.to !== r.to) return false;
  }
  return true;
}

export function commentHighlightsPlugin(options: CommentHighlightOptions): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: commentHighlightsKey,
    state: {
      init: (_config, state) => ({ threads: [], activeId: undefined, draft: undefined, ranges: new Map(), decorations: DecorationSet.create(state.doc, []) }),
      apply(tr, prev, _old, state) {
        const meta = tr.getMeta(commentHighlightsKey) as Meta | undefined;
        const sync = ySyncPluginKey.getState(state) as { isChangeOrigin?: boolean } | undefined;
        const threads = meta && 'threads' in meta ? anchored(meta.threads) : prev.threads;
        const activeId = meta && 'activeId' in meta ? meta.activeId : prev.activeId;
        const draft = meta && 'draft' in meta ? (meta.draft && anchored([{ id: DRAFT_ID, anchor: meta.draft }])[0]) : prev.draft;
        let ranges = prev.ranges;
        if ((meta && ('threads' in meta || 'draft' in meta)) || sync?.isChangeOrigin) {
          ranges = resolveAll(state, draft ? [...threads, draft] : threads, options.binding(state));
        } else if (tr.docChanged) {
          ranges = mapRanges(tr, ranges);
        } else if (!meta) {
          return prev;
        }
        if (sameRanges(ranges, prev.ranges)) ranges = prev.ranges;
        const same = !tr.docChanged && ranges === prev.ranges && activeId === prev.activeId;
        const decorations = same ? prev.decorations : decorate(state.doc, ranges, activeId);
        return { threads, activeId, draft, ranges, decorations };
      },
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
      handleDOMEvents: {
        click(view: EditorView, event: MouseEvent) {
          // A drag that selected text is a selection, not a click on a comment.
          if (view.dom.ownerDocument.getSelection()?.isCollapsed === false) return false;
          const hit = view.posAtCoords({ left: event.clientX, top: event.clientY });
          const id = hit && threadAt(view.state, hit.pos);
          if (id) options.onActivate(id);
          return false;
        },
      },
    },
    view: () => ({
      update(view, prevState) {
        const now = commentHighlightsKey.getState(view.state)?.ranges;
        if (now && now !== commentHighlightsKey.getState(prevState)?.ranges) options.onRanges(now);
      },
    }),
  });
}

/** The thread whose passage contains `pos` (the shortest, when passages overlap). */
export function threadAt(state: EditorState, pos: number): string | undefined {
  let best: { id: string; size: number } | undefined;
  for (const [id, r] of commentHighlightsKey.getState(state)?.ranges ?? []) {
    if (id === DRAFT_ID || pos < r.from || pos > r.to) continue;
    if (!best || r.to - r.from < best.size) best = { id, size: r.to - r.from };
  }
  return best?.id;
}

/** Sets the threads to highlight (open ones; resolved threads are not drawn). */
export function setHighlightThreads(view: EditorView, threads: readonly HighlightThread[]): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { threads } satisfies Meta).setMeta('addToHistory', false));
}

export function setActiveThread(view: EditorView, activeId: string | undefined): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { activeId } satisfies Meta).setMeta('addToHistory', false));
}

/** Marks (or clears) the passage a comment is being written about. */
export function setDraftAnchor(view: EditorView, draft: CommentAnchor | undefined): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { draft } satisfies Meta).setMeta('addToHistory', false));
}

/** The resolved passage of a thread in `state`, if its words are still there. */
export function rangeOf(state: EditorState, threadId: string): Range | undefined {
  return commentHighlightsKey.getState(state)?.ranges.get(threadId);
}

export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: 'copydeskCommentHighlights',
  addOptions: () => ({ onActivate: () => {}, onRanges: () => {}, binding: bindingOf }),
  addProseMirrorPlugins() {
    return [commentHighlightsPlugin(this.options)];
  },
});
