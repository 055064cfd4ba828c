/**
 * The desk's list of articles: loaded on open, refreshed when the tab regains focus and every
 * half minute while it is visible (until the server pushes changes).
 */
import type { ArticleSummary } from '@copydesk/shared';
import { onScopeDispose, ref, shallowRef, type Ref } from 'vue';
import { listArticles } from '../api/articles.js';
import { ApiError } from '../api/http.js';

const POLL_MS = 30_000;

export interface UseArticles {
  articles: Readonly<Ref<ArticleSummary[] | undefined>>;
  /** The last refresh's failure, shown to the person. */
  error: Readonly<Ref<string | undefined>>;
  loading: Readonly<Ref<boolean>>;
  refresh: () => Promise<void>;
}

export function useArticles(): UseArticles {
  const articles = shallowRef<ArticleSummary[]>();
  const error = ref<string>();
  const loading = ref(false);
  let inflight: Promise<void> | undefined;

  function refresh(): Promise<void> {
    inflight ??= (async () => {
      loading.value = true;
      try {
        articles.value = (await listArticles()).articles;
        error.value = undefined;
      } catch (e) {
        error.value = e instanceof ApiError ? e.message : 'Something went wrong loading the desk.';
      } finally {
        loading.value = false;
        inflight = undefined;
      }
    })();
    return inflight;
  }

  const onVisible = () => {
    if (document.visibilityState === 'visible') void refresh();
  };
  const timer = setInterval(onVisible, POLL_MS);
  window.addEventListener('focus', onVisible);
  document.addEventListener('visibilitychange', onVisible);
  onScopeDispose(() => {
    clearInterval(timer);
    window.removeEventListener('focus', onVisible);
    document.removeEventListener('visibilitychange', onVisible);
  });

  void refresh();
  return { articles, error, loading, refresh };
}
