/**
 * One endpoint's deliveries for the deliveries page: the newest page loaded on open ("Show
 * older" asks for a page more each time), refreshed every few seconds while any is still pending
 * (and slowly otherwise), with a clock that ticks each second so "next attempt in …" counts
 * down between refreshes. Each refresh reads the newest `limit` again, so deliveries arriving
 * meanwhile never open a gap between the pages shown.
 */
import { DeliveryPage } from '@copydesk/shared';
import { computed, onScopeDispose, ref, shallowRef, type Ref } from 'vue';
import { listArticles } from '../api/articles.js';
import { errorMessage } from '../api/error-message.js';
import { ApiError } from '../api/http.js';
import { listDeliveries, listEndpoints, redeliver as redeliverApi, type Delivery, type WebhookEndpoint } from '../api/webhooks.js';

export const FAST_REFRESH_MS = 2_000;
export const SLOW_REFRESH_MS = 15_000;

export interface UseDeliveries {
  endpoint: Readonly<Ref<WebhookEndpoint | undefined>>;
  /** The endpoint does not exist (deleted, or a mistyped address). */
  missing: Readonly<Ref<boolean>>;
  deliveries: Readonly<Ref<Delivery[] | undefined>>;
  /** Older deliveries exist beyond those shown. */
  more: Readonly<Ref<boolean>>;
  /** As many as one request returns are shown: "Show older" cannot add more. */
  atMost: Readonly<Ref<boolean>>;
  /** Headlines of the articles the deliveries are about, by id (when the list could be read). */
  headlines: Readonly<Ref<ReadonlyMap<string, string>>>;
  error: Readonly<Ref<string | undefined>>;
  loading: Readonly<Ref<boolean>>;
  /** The current time, updated every second while something is pending. */
  now: Readonly<Ref<number>>;
  refresh: () => Promise<void>;
  /** Shows another page of older deliveries. */
  showOlder: () => Promise<void>;
  redeliver: (deliveryId: string) => Promise<void>;
}

export function useDeliveries(endpointId: string): UseDeliveries {
  const endpoint = shallowRef<WebhookEndpoint>();
  const missing = ref(false);
  const deliveries = shallowRef<Delivery[]>();
  const limit = ref<number>(DeliveryPage.size);
  const more = ref(false);
  const atMost = computed(() => limit.value >= DeliveryPage.max);
  const headlines = shallowRef<ReadonlyMap<string, string>>(new Map());
  const error = ref<string>();
  const loading = ref(false);
  const now = ref(Date.now());
  const hasPending = computed(() => deliveries.value?.some((d) => d.status === 'pending') ?? false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function loadHeadlines(list: Delivery[]): Promise<void> {
    if (list.every((d) => !d.articleId || headlines.value.has(d.articleId))) return;
    try {
      headlines.value = new Map((await listArticles()).articles.map((a) => [a.id, a.headline]));
    } catch {
      // Only a nicety: the table falls back to the article's id.
    }
  }

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    loading.value = true;
    try {
      const [list, all] = await Promise.all([listDeliveries(endpointId, limit.value), endpoint.value ? undefined : listEndpoints()]);
      if (all) endpoint.value = all.endpoints.find((e) => e.id === endpointId);
      deliveries.value = list.deliveries;
      more.value = list.more;
      error.value = undefined;
      void loadHeadlines(list.deliveries);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) missing.value = true;
      else error.value = errorMessage(e, 'The deliveries could not be loaded.');
    } finally {
      loading.value = false;
      now.value = Date.now();
      if (!stopped && !missing.value) timer = setTimeout(() => void refresh(), hasPending.value ? FAST_REFRESH_MS : SLOW_REFRESH_MS);
    }
  }

  const clock = setInterval(() => {
    if (hasPending.value) now.value = Date.now();
  }, 1000);
  onScopeDispose(() => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(clock);
  });

  void refresh();
  return {
    endpoint,
    missing,
    deliveries,
    more,
    atMost,
    headlines,
    error,
    loading,
    now,
    refresh,
    async showOlder() {
      limit.value = Math.min(limit.value + DeliveryPage.size, DeliveryPage.max);
      await refresh();
    },
    async redeliver(deliveryId) {
      await redeliverApi(deliveryId);
      await refresh();
    },
  };
}
