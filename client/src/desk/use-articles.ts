/**
 * The desk's articles for the current filters and layout, a page at a time: on the board, the
 * newest 20 of each column (one request per column, "Show more" asks for the next 20 of one);
 * in the list, 50 rows in the chosen sort. Loaded when the filters or layout change, kept
 * current by the live event stream (new articles, transitions, assignments, headline edits,
 * who is editing), and reloaded when the stream reconnects or the tab comes back into view.
 */
import type { ArticleState, ArticleSummary } from '@copydesk/shared';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { listArticles, type ArticleFilters } from '../api/articles.js';
import { errorMessage } from '../api/error-message.js';
import { useSession } from '../auth/use-session.js';
import { useEvents, type LiveEvent } from '../events/use-events.js';
import { DESK_COLUMNS, matchesFilters, withEditing, type DeskFilters } from './desk-columns.js';
import { updatedRange, type DeskLayout } from './desk-filters.js';
import { appendPage, COLUMN_PAGE, compareArticles, LIST_PAGE, placeInPage, type ArticlePage } from './desk-pages.js';

/** One list the desk shows: a column of the board, or the whole list. */
interface Bucket {
  id: string;
  /** The states it holds; undefined for all. */
  states: readonly ArticleState[] | undefined;
  sort: ArticleFilters['sort'];
  dir: ArticleFilters['dir'];
  size: number;
}

/** The most one request asks for (the server's limit), when a reload keeps what "Show more" loaded. */
const MAX_LOAD = 500;
/** A live change the pages cannot place for certain is followed by a recount this much later. */
const RECOUNT_MS = 2000;

function bucketsFor(layout: DeskLayout): Bucket[] {
  if (layout.view === 'list') return [{ id: 'list', states: undefined, sort: layout.sort, dir: layout.dir, size: LIST_PAGE }];
  return DESK_COLUMNS.map((c) => ({ id: c.id, states: c.states, sort: 'desk', dir: undefined, size: COLUMN_PAGE }));
}

export interface UseArticles {
  /** The loaded pages by bucket: a column id on the board, `list` in the list. */
  pages: Readonly<Ref<Readonly<Record<string, ArticlePage>> | undefined>>;
  /** Every section in use, for the filter. */
  sections: Readonly<Ref<readonly string[]>>;
  /** The last refresh's failure, shown to the person. */
  error: Readonly<Ref<string | undefined>>;
  loading: Readonly<Ref<boolean>>;
  /** The bucket whose next page is on its way. */
  loadingMore: Readonly<Ref<string | undefined>>;
  /** The live stream is connected (changes appear without reloading). */
  live: Readonly<Ref<boolean>>;
  refresh: () => Promise<void>;
  showMore: (bucketId: string) => Promise<void>;
}

export function useArticles(filters: Readonly<Ref<DeskFilters>>, layout: Readonly<Ref<DeskLayout>>): UseArticles {
  const { user } = useSession();
  const pages = shallowRef<Record<string, ArticlePage>>();
  const sections = shallowRef<readonly string[]>([]);
  const error = ref<string>();
  const loading = ref(false);
  const loadingMore = ref<string>();
  /** Events that arrive while a load is in flight, applied on top of its answer. */
  let arrivedDuringLoad: LiveEvent[] | undefined;
  let generation = 0;
  let buckets = bucketsFor(layout.value);
  let range = updatedRange(filters.value);
  let recountTimer: ReturnType<typeof setTimeout> | undefined;

  function recountSoon(): void {
    recountTimer ??= setTimeout(() => {
      recountTimer = undefined;
      void refresh();
    }, RECOUNT_MS);
  }

  function query(bucket: Bucket): ArticleFilters {
    const f = filters.value;
    return {
      mine: f.mine,
      section: f.section,
      q: f.q,
      ...(bucket.states ? { states: bucket.states } : {}),
      ...(range.from ? { updatedFrom: range.from } : {}),
      ...(range.to ? { updatedTo: range.to } : {}),
      ...(bucket.sort ? { sort: bucket.sort } : {}),
      ...(bucket.dir ? { dir: bucket.dir } : {}),
    };
  }

  function apply(event: LiveEvent): void {
    const current = pages.value;
    if (!current) return;
    const next: Record<string, ArticlePage> = {};
    if (event.type === 'article') {
      const article = event.article;
      const matches = matchesFilters(article, filters.value, user.value?.id, range);
      let uncertain = false;
      for (const bucket of buckets) {
        const belongs = matches && (bucket.states?.includes(article.status) ?? true);
        const placed = placeInPage(current[bucket.id]!, article, belongs, compareArticles(bucket.sort ?? 'updated', bucket.dir ?? 'desc'));
        next[bucket.id] = placed.page;
        uncertain ||= placed.uncertain;
      }
      if (uncertain) recountSoon();
      const section = article.section;
      if (section && !sections.value.includes(section)) sections.value = [...sections.value, section].sort((a, b) => a.localeCompare(b));
    } else if (event.type === 'article-removed') {
      let held = false;
      for (const bucket of buckets) {
        const page = current[bucket.id]!;
        const rest = page.articles.filter((a) => a.id !== event.id);
        held ||= rest.length !== page.articles.length;
        next[bucket.id] = rest.length === page.articles.length ? page : { articles: rest, total: Math.max(0, page.total - 1) };
      }
      if (!held && buckets.some((b) => current[b.id]!.articles.length < current[b.id]!.total)) recountSoon();
    } else if (event.type === 'presence') {
      for (const bucket of buckets) {
        const page = current[bucket.id]!;
        const articles = withEditing(page.articles, event.articleId, event.editing);
        next[bucket.id] = articles === page.articles ? page : { ...page, articles: [...articles] };
      }
    } else return;
    pages.value = next;
  }

  function onEvent(event: LiveEvent): void {
    if (arrivedDuringLoad) arrivedDuringLoad.push(event);
    apply(event);
  }

  /** Loads every bucket again; `keep` keeps as many as were shown (a reload, not a new filter). */
  async function load(keep: boolean): Promise<void> {
    const mine = ++generation;
    clearTimeout(recountTimer);
    recountTimer = undefined;
    loading.value = true;
    arrivedDuringLoad = [];
    const shown = keep ? pages.value : undefined;
    buckets = bucketsFor(layout.value);
    range = updatedRange(filters.value);
    try {
      const results = await Promise.all(
        buckets.map((b) => listArticles({ ...query(b), limit: Math.min(MAX_LOAD, Math.max(b.size, shown?.[b.id]?.articles.length ?? 0)) })),
      );
      if (mine !== generation) return;
      const loaded: Record<string, ArticlePage> = {};
      buckets.forEach((b, i) => (loaded[b.id] = { articles: results[i]!.articles, total: results[i]!.total }));
      pages.value = loaded;
      sections.value = results[0]?.sections ?? [];
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

  const refresh = () => load(true);

  async function showMore(bucketId: string): Promise<void> {
    const bucket = buckets.find((b) => b.id === bucketId);
    const page = pages.value?.[bucketId];
    if (!bucket || !page || loadingMore.value) return;
    const mine = generation;
    loadingMore.value = bucketId;
    try {
      const more = await listArticles({ ...query(bucket), limit: bucket.size, offset: page.articles.length });
      if (mine !== generation || !pages.value) return;
      pages.value = { ...pages.value, [bucketId]: appendPage(pages.value[bucketId]!, { articles: more.articles, total: more.total }) };
    } catch (e) {
      error.value = errorMessage(e, 'Something went wrong loading more articles.');
    } finally {
      loadingMore.value = undefined;
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
  onScopeDispose(() => {
    document.removeEventListener('visibilitychange', onVisible);
    clearTimeout(recountTimer);
  });

  watch([filters, layout], () => void load(false), { immediate: true, deep: true });
  return { pages, sections, error, loading, loadingMore, live: connected, refresh, showMore };
}

/** Every article loaded, in bucket order (for counts and tests). */
export function loadedArticles(pages: Readonly<Record<string, ArticlePage>> | undefined): ArticleSummary[] {
  return pages ? Object.values(pages).flatMap((p) => p.articles) : [];
}
