/**
 * The webhooks page's list of endpoints: loaded when the page opens, updated in place with what
 * the server answers to each change, and refreshed now and then so delivery counts stay current.
 */
import { onScopeDispose, ref, shallowRef, type Ref } from 'vue';
import { errorMessage } from '../api/error-message.js';
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
  type EndpointInput,
  type EndpointWithSecret,
  type WebhookEndpoint,
} from '../api/webhooks.js';

const REFRESH_MS = 10_000;

export interface UseWebhooks {
  endpoints: Readonly<Ref<WebhookEndpoint[] | undefined>>;
  /** The events an endpoint can subscribe to, as the server lists them. */
  events: Readonly<Ref<string[]>>;
  loading: Readonly<Ref<boolean>>;
  error: Readonly<Ref<string | undefined>>;
  refresh: () => Promise<void>;
  create: (input: EndpointInput) => Promise<EndpointWithSecret>;
  update: (id: string, patch: Partial<EndpointInput> & { enabled?: boolean }) => Promise<WebhookEndpoint>;
  remove: (id: string) => Promise<void>;
  rotate: (id: string) => Promise<EndpointWithSecret>;
}

export function useWebhooks(): UseWebhooks {
  const endpoints = shallowRef<WebhookEndpoint[]>();
  const events = ref<string[]>([]);
  const loading = ref(false);
  const error = ref<string>();

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      const answer = await listEndpoints();
      endpoints.value = answer.endpoints;
      events.value = answer.events;
      error.value = undefined;
    } catch (e) {
      error.value = errorMessage(e, 'The webhook endpoints could not be loaded.');
    } finally {
      loading.value = false;
    }
  }

  function put(endpoint: WebhookEndpoint): WebhookEndpoint {
    const list = endpoints.value ?? [];
    const at = list.findIndex((e) => e.id === endpoint.id);
    endpoints.value = at < 0 ? [...list, endpoint] : list.map((e) => (e.id === endpoint.id ? endpoint : e));
    return endpoint;
  }

  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refresh();
  }, REFRESH_MS);
  onScopeDispose(() => clearInterval(timer));

  void refresh();
  return {
    endpoints,
    events,
    loading,
    error,
    refresh,
    async create(input) {
      const created = await createEndpoint(input);
      put(created.endpoint);
      return created;
    },
    update: async (id, patch) => put(await updateEndpoint(id, patch)),
    async remove(id) {
      await deleteEndpoint(id);
      endpoints.value = (endpoints.value ?? []).filter((e) => e.id !== id);
    },
    async rotate(id) {
      const rotated = await rotateSecret(id);
      put(rotated.endpoint);
      return rotated;
    },
  };
}
