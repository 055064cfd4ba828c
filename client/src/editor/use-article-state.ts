/**
 * What the server says about the open article, beside its document: the summary (status,
 * assignees, metadata), this person's permissions, and the note of a pending change request.
 * Loaded on open and again on `refresh()`; `apply()` takes the answer of a PATCH or a
 * transition without asking again. When the live stream says the article changed (someone
 * moved it, assigned people, edited its details), the summary is taken at once and the
 * permissions asked for again, so the editor locks or unlocks without a reload.
 */
import type { ArticlePermissions, ArticleSummary, ReviewNote } from '@copydesk/shared';
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { getArticleView, type ArticleView, type ChangeRequest } from '../api/articles.js';
import { errorMessage } from '../api/error-message.js';
import { useEvents } from '../events/use-events.js';

export interface ArticleState {
  article: ShallowRef<ArticleSummary | undefined>;
  permissions: ShallowRef<ArticlePermissions | undefined>;
  changeRequest: ShallowRef<ChangeRequest | null>;
  /** The notes of the review under way (change requests and answers), oldest first. */
  reviewNotes: ShallowRef<ReviewNote[]>;
  /** The last refresh's failure (the editor keeps working from what it knew). */
  error: Readonly<Ref<string | undefined>>;
  refresh(): Promise<void>;
  apply(view: Omit<ArticleView, 'changeRequest'> & { changeRequest?: ChangeRequest | null }): void;
}

export function useArticleState(articleId: string): ArticleState {
  const article = shallowRef<ArticleSummary>();
  const permissions = shallowRef<ArticlePermissions>();
  const changeRequest = shallowRef<ChangeRequest | null>(null);
  const reviewNotes = shallowRef<ReviewNote[]>([]);
  const error = ref<string>();
  let inflight: Promise<void> | undefined;
  let again = false;

  function apply(view: Omit<ArticleView, 'changeRequest'> & { changeRequest?: ChangeRequest | null }): void {
    article.value = view.article;
    permissions.value = view.permissions;
    if (view.changeRequest !== undefined) changeRequest.value = view.changeRequest;
    else if (view.article.status !== 'draft') changeRequest.value = null;
    if (view.reviewNotes !== undefined) reviewNotes.value = view.reviewNotes;
  }

  async function load(): Promise<void> {
    try {
      apply(await getArticleView(articleId));
      error.value = undefined;
    } catch (e) {
      error.value = errorMessage(e, 'Could not load the article’s details.');
    }
  }

  /** One request at a time; a refresh asked for meanwhile runs once more after it. */
  function refresh(): Promise<void> {
    if (inflight) {
      again = true;
      return inflight;
    }
    inflight = (async () => {
      do {
        again = false;
        await load();
      } while (again);
      inflight = undefined;
    })();
    return inflight;
  }

  useEvents({
    article: ({ article: next }) => {
      if (next.id !== articleId) return;
      const before = article.value;
      article.value = next;
      // Permissions and the change request follow the state and the assignees; metadata and
      // headline edits change neither.
      const moved = before?.status !== next.status || before.statusChangedAt !== next.statusChangedAt;
      const assigned = before?.assignees.map((p) => p.id).join() !== next.assignees.map((p) => p.id).join();
      // A note added to the review (a writer's answer) comes as the article's last change.
      const noted = next.lastChange?.action === 'reply' && next.lastChange.at !== before?.lastChange?.at;
      if (moved || assigned || noted) void refresh();
    },
    'article-removed': ({ id }) => {
      if (id === articleId) void refresh();
    },
    presence: ({ articleId: id, editing }) => {
      if (id === articleId && article.value) article.value = { ...article.value, editing };
    },
    // Changes may have been missed while the stream was down (or before it started).
    ready: () => void refresh(),
  });

  void refresh();
  return { article, permissions, changeRequest, reviewNotes, error, refresh, apply };
}
