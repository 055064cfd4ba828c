/**
 * The comments of one open article, shared by the body (highlights, the Comment button) and the
 * Comments panel: the threads (live: reloaded when the event stream says they changed), the
 * thread in focus, the comment being written, and the actions. The workspace creates it with
 * `useComments()` and provides it; panels take it with `injectComments()`.
 */
import type { CommentThread } from '@copydesk/shared';
import type { Editor } from '@tiptap/vue-3';
import { inject, onScopeDispose, provide, reactive, ref, shallowRef, watch, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import { createThread, listThreads, replyToThread, setThreadResolved, type CommentAnchor } from '../api/comments.js';
import { errorMessage } from '../api/error-message.js';
import { useEvents } from '../events/use-events.js';
import { bindingOf, encodeAnchor, resolveAnchor, type Range } from './anchor.js';
import { CommentHighlights, setActiveThread, setDraftAnchor, setHighlightThreads } from './comment-highlights.js';

/** The server keeps at most this much of the commented words. */
const QUOTE_MAX = 1000;

export interface CommentDraft {
  anchor: CommentAnchor;
  quote: string;
}

export interface Comments {
  articleId: string;
  threads: Readonly<Ref<CommentThread[] | undefined>>;
  /** Why the threads could not be loaded. */
  error: Readonly<Ref<string | undefined>>;
  /** The thread in focus (clicked in the body or in the panel). */
  activeId: Readonly<Ref<string | undefined>>;
  /** Open threads whose words are no longer in the body. */
  detached: Readonly<Ref<ReadonlySet<string>>>;
  /** The comment being written, before it is posted. */
  draft: Readonly<Ref<CommentDraft | undefined>>;
  /** Bumped to ask the panel to focus the composer, or to show the active thread. */
  focusRequest: Readonly<Ref<{ target: 'composer' | 'thread'; n: number }>>;
  /** The TipTap extension that draws the highlights; give it to the editor. */
  extension: typeof CommentHighlights;
  /** Connects the editor made with `extension` (once it exists). */
  attach(editor: Readonly<ShallowRef<Editor | undefined>>): void;
  /** Starts a comment on the selected words; false when nothing is selected. */
  startDraft(): boolean;
  cancelDraft(): void;
  /** Posts the draft; throws the server's `ApiError` for the form to show. */
  post(body: string): Promise<void>;
  reply(threadId: string, body: string): Promise<void>;
  setResolved(threadId: string, resolved: boolean): Promise<void>;
  /** Focuses a thread; `select` also selects its words in the body and scrolls to them. */
  activate(threadId: string, options?: { select?: boolean }): void;
  refresh(): Promise<void>;
}

const key: InjectionKey<Comments> = Symbol('comments');
const openCounts = reactive(new Map<string, number>());

/** Open threads of an article whose comments are loaded in this tab (for the tab's badge). */
export function openThreadCount(articleId: string): number | undefined {
  return openCounts.get(articleId);
}

export function injectComments(): Comments {
  const comments = inject(key);
  if (!comments) throw new Error('injectComments() needs a workspace that called useComments()');
  return comments;
}

export interface CommentsOptions {
  /** Shows the Comments panel (opens the sidebar on its tab). */
  reveal: () => void;
}

export function useComments(articleId: string, options: CommentsOptions): Comments {
  const editor = shallowRef<Editor>();
  const threads = shallowRef<CommentThread[]>();
  const error = ref<string>();
  const activeId = ref<string>();
  const detached = shallowRef<ReadonlySet<string>>(new Set());
  const draft = shallowRef<CommentDraft>();
  const focusRequest = ref<{ target: 'composer' | 'thread'; n: number }>({ target: 'composer', n: 0 });
  const ranges = shallowRef<ReadonlyMap<string, Range>>(new Map());

  const live = () => (editor.value && !editor.value.isDestroyed ? editor.value : undefined);
  const requestFocus = (target: 'composer' | 'thread') => (focusRequest.value = { target, n: focusRequest.value.n + 1 });

  const extension = CommentHighlights.configure({
    onActivate: (id) => {
      activeId.value = id;
      options.reveal();
      requestFocus('thread');
    },
    onRanges: (next) => (ranges.value = next),
  });

  let disposed = false;
  function show(list: CommentThread[]): void {
    if (disposed) return;
    threads.value = list;
    openCounts.set(articleId, list.filter((t) => !t.resolved).length);
  }

  async function refresh(): Promise<void> {
    try {
      show(await listThreads(articleId));
      error.value = undefined;
    } catch (e) {
      error.value = errorMessage(e, 'The comments could not be loaded.');
    }
  }

  // The body draws open threads only; it learns of every change to them, and of the focus.
  watch([threads, editor], ([list, ed]) => {
    if (!ed || ed.isDestroyed || !list) return;
    setHighlightThreads(ed.view, list.flatMap((t) => (!t.resolved && t.anchor ? [{ id: t.id, anchor: t.anchor }] : [])));
  });
  watch([activeId, editor], ([id, ed]) => {
    if (ed && !ed.isDestroyed) setActiveThread(ed.view, id);
  });
  watch([threads, ranges], ([list]) => {
    detached.value = new Set((list ?? []).filter((t) => !t.resolved && !ranges.value.has(t.id)).map((t) => t.id));
  });

  useEvents({
    comments: (event) => {
      if (event.articleId === articleId) void refresh();
    },
    // Every ready, the first too: what changed between our first load and the stream going live
    // (or while it was down) came as no event.
    ready: () => void refresh(),
  });

  function startDraft(): boolean {
    const ed = live();
    if (!ed) return false;
    const { from, to, empty } = ed.state.selection;
    const binding = bindingOf(ed.state);
    const quote = ed.state.doc.textBetween(from, to, '\n', ' ').trim().slice(0, QUOTE_MAX);
    if (empty || !binding || !quote) return false;
    let anchor: CommentAnchor;
    try {
      anchor = encodeAnchor(binding, from, to);
    } catch {
      // y-tiptap cannot place a position its mapping does not know yet (a document still loading).
      return false;
    }
    draft.value = { anchor, quote };
    setDraftAnchor(ed.view, anchor);
    options.reveal();
    requestFocus('composer');
    return true;
  }

  function cancelDraft(): void {
    draft.value = undefined;
    const ed = live();
    if (ed) setDraftAnchor(ed.view, undefined);
  }

  async function post(body: string): Promise<void> {
    const d = draft.value;
    if (!d) return;
    const before = new Set((threads.value ?? []).map((t) => t.id));
    show(await createThread(articleId, { body, anchor: d.anchor, quote: d.quote }));
    cancelDraft();
    activeId.value = threads.value?.find((t) => !before.has(t.id))?.id;
  }

  function activate(threadId: string, { select = false } = {}): void {
    activeId.value = threadId;
    const ed = live();
    const thread = threads.value?.find((t) => t.id === threadId);
    if (!select || !ed || !thread?.anchor) return;
    const binding = bindingOf(ed.state);
    const range = ranges.value.get(threadId) ?? (binding ? resolveAnchor(binding, thread.anchor, ed.state.doc.content.size) : null);
    if (!range) return;
    // An editable body takes the focus so the selection shows; a read-only one cannot, and
    // the active highlight marks the words instead.
    const chain = ed.chain();
    (ed.isEditable ? chain.focus() : chain).setTextSelection(range).scrollIntoView().run();
  }

  // Mod-Alt-M anywhere on the page comments on the selection, also when the body is read-only
  // (a read-only body cannot take focus, so its own keymap would never see the keys).
  const onKeydown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.shiftKey || event.code !== 'KeyM') return;
    if (startDraft()) event.preventDefault();
  };
  window.addEventListener('keydown', onKeydown);

  onScopeDispose(() => {
    disposed = true;
    window.removeEventListener('keydown', onKeydown);
    openCounts.delete(articleId);
  });
  void refresh();

  const comments: Comments = {
    articleId,
    threads,
    error,
    activeId,
    detached,
    draft,
    focusRequest,
    extension,
    attach(source) {
      watch(source, (ed) => (editor.value = ed), { immediate: true });
    },
    startDraft,
    cancelDraft,
    post,
    async reply(threadId, body) {
      show(await replyToThread(articleId, threadId, body));
    },
    async setResolved(threadId, resolved) {
      show(await setThreadResolved(articleId, threadId, resolved));
    },
    activate,
    refresh,
  };
  provide(key, comments);
  return comments;
}
