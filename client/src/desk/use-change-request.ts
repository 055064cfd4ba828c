/**
 * The editor's note on a draft that was sent back, for its desk card. The list does not carry
 * it, so it is asked for once per return to draft (drafts that never left draft are not asked
 * about) and remembered for as long as the page is open.
 */
import type { ArticleSummary } from '@copydesk/shared';
import { computed, reactive, watch, type ComputedRef } from 'vue';
import { getArticleView, type ChangeRequest } from '../api/articles.js';
import { cameBack } from './desk-columns.js';

/** key (id and when it came back) -> the note, null when it came back without one (reopened). */
const known = reactive(new Map<string, ChangeRequest | null>());
const asked = new Set<string>();

function keyOf(article: ArticleSummary): string {
  return `${article.id}@${article.statusChangedAt ?? ''}`;
}

function ask(id: string, key: string): void {
  if (asked.has(key)) return;
  asked.add(key);
  getArticleView(id).then(
    (view) => known.set(key, view.changeRequest),
    // Asked again the next time the card shows (a reload, a live update).
    () => asked.delete(key),
  );
}

export function useChangeRequest(article: () => ArticleSummary): ComputedRef<ChangeRequest | null> {
  const key = computed(() => (cameBack(article()) ? keyOf(article()) : undefined));
  watch(key, (k) => k && ask(article().id, k), { immediate: true });
  return computed(() => (key.value ? (known.get(key.value) ?? null) : null));
}
