/**
 * An article's versions and published revisions for the Versions panel: loaded when the panel
 * opens, again when the article changes (a transition takes a version; the event stream says
 * so, at most every few seconds), and after saving or restoring.
 */
import { onScopeDispose, ref, shallowRef, type Ref } from 'vue';
import { errorMessage } from '../api/error-message.js';
import { listRevisions, listVersions, restoreVersion, saveVersion, type RevisionInfo, type VersionList } from '../api/versions.js';
import { useEvents } from '../events/use-events.js';

const EVENT_REFRESH_MS = 4_000;

export interface UseVersions {
  list: Readonly<Ref<VersionList | undefined>>;
  revisions: Readonly<Ref<RevisionInfo[]>>;
  error: Readonly<Ref<string | undefined>>;
  refresh(): Promise<void>;
  /** Saves the text as it is now under `name`; throws the server's `ApiError`. */
  save(name: string): Promise<number>;
  /**
   * Restores version `n` as a new change on top. The server keeps the text it replaces as a
   * version in the same step, so nothing is lost even if no one named it, nor what a
   * collaborator typed meanwhile.
   */
  restore(n: number): Promise<void>;
}

export function useVersions(articleId: string): UseVersions {
  const list = shallowRef<VersionList>();
  const revisions = shallowRef<RevisionInfo[]>([]);
  const error = ref<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    try {
      const [versions, published] = await Promise.all([listVersions(articleId), listRevisions(articleId)]);
      list.value = versions;
      revisions.value = published;
      error.value = undefined;
    } catch (e) {
      error.value = errorMessage(e, 'The versions could not be loaded.');
    }
  }

  const soon = () => {
    timer ??= setTimeout(() => void refresh(), EVENT_REFRESH_MS);
  };
  useEvents({
    article: (event) => {
      if (event.article.id === articleId) soon();
    },
    // Every ready, the first too: what changed between our first load and the stream going live
    // (or while it was down) came as no event.
    ready: () => void refresh(),
  });
  onScopeDispose(() => clearTimeout(timer));

  void refresh();
  return {
    list,
    revisions,
    error,
    refresh,
    async save(name) {
      const n = await saveVersion(articleId, name);
      await refresh();
      return n;
    },
    async restore(n) {
      await restoreVersion(articleId, n);
      await refresh();
    },
  };
}
