/**
 * One article open for editing: owns its Y.Doc, the IndexedDB copy (offline edits survive a
 * reload and merge on reconnect), the y-websocket provider, and the TipTap editor bound to the
 * doc's body. Everything is torn down when the calling component unmounts.
 */
import {
  articleExtensions,
  bodyOf,
  CloseCode,
  COLLAB_PATH,
  countWords,
  dekOf,
  headlineOf,
  readingMinutes as minutesFor,
  SAVE_RECEIPTS_PARAMS,
  SaveReceipts,
  type SaveState,
} from '@copydesk/shared';
import { Extension, type AnyExtension, type Editor as CoreEditor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { useEditor, type Editor } from '@tiptap/vue-3';
import { computed, onUnmounted, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { getArticle } from '../api/articles.js';
import { ApiError } from '../api/http.js';
import { ArticlePaste } from './paste.js';
import { ConnectionState, shouldReconnect, useConnection, type ConnectionInfo } from './use-connection.js';
import { usePresence, type Peer } from './use-presence.js';

export interface ArticleEditor {
  /** The TipTap editor; undefined until the component has mounted. */
  editor: ShallowRef<Editor | undefined>;
  doc: Y.Doc;
  headline: Y.Text;
  dek: Y.Text;
  provider: WebsocketProvider;
  connection: ComputedRef<ConnectionInfo>;
  retryNow: () => void;
  /**
   * Drops this browser's changes the server has not stored (its copy of the article) and reopens
   * the article as the server has it: the way out when the server refused a change for good (the
   * article would pass its size limit, say) and everything typed after it builds on it.
   */
  discardUnsaved: () => Promise<void>;
  peers: Readonly<Ref<Peer[]>>;
  /** Words in the body (headline and dek not counted). */
  words: Readonly<Ref<number>>;
  readingMinutes: ComputedRef<number>;
  /** The local copy has loaded from IndexedDB (content may still arrive from the server). */
  localLoaded: Readonly<Ref<boolean>>;
  /** The server has sent its copy at least once since the page opened. */
  serverSynced: Readonly<Ref<boolean>>;
  /** Closed for good (no access, deleted): nothing typed could reach the server. */
  closed: ComputedRef<boolean>;
  /** Nothing may be typed: closed for good, or `locked` (the workflow forbids editing now). */
  readOnly: ComputedRef<boolean>;
}

/** How the local person appears to the others (the server stamps the account's own anyway). */
export interface PresenceUser {
  name: string;
  color: string;
  /** The account (the server stamps it for the others; the local person's other tabs match on it). */
  id?: string;
}

export interface ArticleEditorOptions {
  /** Who the local person is; followed live, so a name change reaches the others at once. */
  user: Readonly<Ref<PresenceUser>>;
  /** Whose device copy (IndexedDB) to open: copies are kept per account (see deviceOwner()). */
  owner: string;
  placeholder?: string;
  /** Called on Mod-K in the body (open the link form). */
  onLinkShortcut?: () => void;
  /** Called when a paste could not bring something in (an image): what to tell the person. */
  onPasteNotice?: (message: string) => void;
  /**
   * True while this person may not edit the article (the workflow state or their role): the
   * editor turns read-only at once, before the server starts refusing updates.
   */
  locked?: Readonly<Ref<boolean>>;
  /** More editor extensions from features beside the editor (comment highlights). */
  extensions?: AnyExtension[];
}

export function collabServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
}

/** The answer the REST API gives for this article, as the close code the socket would have sent. */
async function probeArticle(articleId: string): Promise<number | undefined> {
  try {
    await getArticle(articleId);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) return undefined;
    if (error.status === 401) return CloseCode.unauthorized;
    if (error.status === 403) return CloseCode.forbidden;
    if (error.status === 404) return CloseCode.notFound;
    return undefined;
  }
}

export function useArticleEditor(articleId: string, options: ArticleEditorOptions): ArticleEditor {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`copydesk:${options.owner}:${articleId}`, doc);
  // The server tells this editor which of its changes are stored ("Saving…" / "All changes saved").
  const save = shallowRef<SaveState>({ unsaved: 0, refused: undefined });
  const receipts = new SaveReceipts((state) => (save.value = state));
  const provider = new WebsocketProvider(collabServerUrl(), articleId, doc, {
    shouldReconnect,
    maxBackoffTime: 10_000,
    WebSocketPolyfill: receipts.socketClass(WebSocket),
    params: { ...SAVE_RECEIPTS_PARAMS },
  });
  receipts.listen(provider);
  provider.awareness.setLocalStateField('user', { ...options.user.value });

  const { connection, retryNow } = useConnection(provider, { probe: () => probeArticle(articleId), save });
  const peers = usePresence(provider.awareness);
  const closed = computed(() => connection.value.state === ConnectionState.closed);
  const readOnly = computed(() => closed.value || options.locked?.value === true);

  const localLoaded = ref(false);
  void persistence.whenSynced.then(() => (localLoaded.value = true));
  const serverSynced = ref(provider.synced);
  const onSync = (synced: boolean) => {
    if (synced) serverSynced.value = true;
  };
  provider.on('sync', onSync);

  const words = ref(0);
  const readingMinutes = computed(() => minutesFor(words.value));
  let countTimer: ReturnType<typeof setTimeout> | undefined;
  const countSoon = (editor: CoreEditor) => {
    countTimer ??= setTimeout(() => {
      countTimer = undefined;
      if (!editor.isDestroyed) words.value = countWords(editor.getText({ blockSeparator: '\n' }));
    }, 150);
  };

  const LinkShortcut = Extension.create({
    name: 'copydeskLinkShortcut',
    addKeyboardShortcuts: () => ({
      'Mod-k': () => {
        options.onLinkShortcut?.();
        return options.onLinkShortcut !== undefined;
      },
    }),
  });

  const editor = useEditor({
    extensions: [
      ...articleExtensions,
      Collaboration.configure({ document: doc, fragment: bodyOf(doc) }),
      CollaborationCaret.configure({ provider, user: { ...options.user.value } }),
      Placeholder.configure({ placeholder: options.placeholder ?? 'Write the story…' }),
      LinkShortcut,
      ArticlePaste.configure({ onNotice: (message) => options.onPasteNotice?.(message) }),
      ...(options.extensions ?? []),
    ],
    editorProps: {
      attributes: {
        class: 'article-body',
        'data-testid': 'editor',
        'aria-label': 'Article body',
        'aria-multiline': 'true',
        role: 'textbox',
        spellcheck: 'true',
      },
    },
    onCreate: ({ editor }) => countSoon(editor),
    onUpdate: ({ editor }) => countSoon(editor),
  });

  watch(
    options.user,
    (user) => {
      if (editor.value && !editor.value.isDestroyed) editor.value.commands.updateUser({ ...user });
      else provider.awareness.setLocalStateField('user', { ...user });
    },
    { deep: true },
  );

  watch([readOnly, editor], ([noEdits, instance]) => {
    if (instance && !instance.isDestroyed && instance.isEditable === noEdits) instance.setEditable(!noEdits, false);
  });

  // Closing the tab while the server has not confirmed a change: ask first, as the pill says
  // "Saving…". (The change is kept in this browser's copy either way, but another computer would
  // not have it until this browser opens the article again.)
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (save.value.unsaved === 0) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);

  const discardUnsaved = async () => {
    window.removeEventListener('beforeunload', onBeforeUnload);
    provider.disconnect();
    await persistence.clearData();
    location.reload();
  };

  // useEditor destroys the editor before unmount; the doc and its connections go after it.
  onUnmounted(() => {
    window.removeEventListener('beforeunload', onBeforeUnload);
    if (countTimer !== undefined) clearTimeout(countTimer);
    provider.off('sync', onSync);
    provider.destroy();
    provider.awareness.destroy();
    void persistence.destroy();
    doc.destroy();
  });

  return {
    editor,
    doc,
    headline: headlineOf(doc),
    dek: dekOf(doc),
    provider,
    connection,
    retryNow,
    discardUnsaved,
    peers,
    words,
    readingMinutes,
    localLoaded,
    serverSynced,
    closed,
    readOnly,
  };
}
