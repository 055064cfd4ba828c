/**
 * The desk's list of articles for the current filters: loaded when the filters change, kept
 * current by the live event stream (new articles, transitions, assignments, headline edits,
 * who is editing), and reloaded when the stream reconnects or the tab comes back into view.
 */
import type { ArticleSummary } from '@copydesk/shared';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { listArticles } from '../api/articles.js';
import { errorMessage } from '../api/error-message.js';
import { useSession } from '../auth/use-session.js';
import { useEvents, type LiveEvent } from '../events/use-events.js';
import { removeArticle, upsertArticle, withEditing, type DeskFilters } from './desk-columns.js';

export interface UseArticles {
  articles: Readonly<Ref<readonly ArticleSummary[] | undefined>>;
  /** Every section in use, for the filter. */
  sections: Readonly<Ref<readonly string[]>>;
  /** The last refresh's failure, shown to the person. */
  error: Readonly<Ref<string | undefined>>;
  loading: Readonly<Ref<boolean>>;
  /** The live stream is connected (changes appear without reloading). */
  live: Readonly<Ref<boolean>>;
  refresh: () => Promise<void>;
}

export function useArticles(filters: Readonly<Ref<DeskFilters>>): UseArticles {
  const { user } = useSession();
  const articles = shallowRef<readonly ArticleSummary[]>();
  const sections = shallowRef<readonly string[]>([]);
  const error = ref<string>();
  const loading = ref(false);
  /** Events that arrive while a load is in flight, applied on top of its answer. */
  let arrivedDuringLoad: LiveEvent[] | undefined;
  let generation = 0;

  function apply(event: LiveEvent): void {
    const list = articles.value;
    if (!list) return;
    if (event.type === 'article') {
      articles.value = upsertArticle(list, event.article, filters.value, user.value?.id);
      const section = event.article.section;
      if (section && !sections.value.includes(section)) sections.value = [...sections.value, section].sort((a, b) => a.localeCompare(b));
    } else if (event.type === 'article-removed') {
      articles.value = removeArticle(list, event.id);
    } else if (event.type === 'presence') {
      articles.value = withEditing(list, event.articleId, event.editing);
    }
  }

  function onEvent(event: LiveEvent): void {
    if (arrivedDuringLoad) arrivedDuringLoad.push(event);
    apply(event);
  }

  async function refresh(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    arrivedDuringLoad = [];
    try {
      const result = await listArticles(filters.value);
      if (mine !== generation) return;
      articles.value = result.articles;
      sections.value = result.sections;
      for (const event of arrivedDuringLoad ?? []) apply(event);
      error.value = undefined;
    } catch (e) {
      if (mine !== generation) return;
      error.value = errorMessage(e, 'Something went wrong loading the desk.');
    } finally {
      if (mine === generation) {
        loading.value = false;
        arrivedDuringLoad = undefined;
      }
    }
  }

  const { connected } = useEvents({
    article: onEvent,
    'article-removed': onEvent,
    presence: onEvent,
    // Events between our load and the stream's start are lost: load again once it is live.
    ready: () => void refresh(),
  });

  const onVisible = () => {
    if (document.visibilityState === 'visible') void refresh();
  };
  document.addEventListener('visibilitychange', onVisible);
  onScopeDispose(() => document.removeEventListener('visibilitychange', onVisible));

  watch(filters, () => void refresh(), { immediate: true, deep: true });
  return { articles, sections, error, loading, live: connected, refresh };
}
