/**
 * The open requests for access this person may decide: for one article (the editor) or every
 * one (the desk). Loaded at once, again whenever the live stream says requests changed (or
 * after it reconnects); grant and dismiss take the request off the list at once.
 */
import type { AccessRequestView } from '@copydesk/shared';
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { dismissAccess, grantAccess, openAccessRequests } from '../api/access.js';
import { errorMessage } from '../api/error-message.js';
import { useEvents } from '../events/use-events.js';

export interface AccessRequestsState {
  requests: ShallowRef<AccessRequestView[]>;
  /** The request being decided now, by id. */
  busy: Ref<string | undefined>;
  error: Ref<string | undefined>;
  decide(request: AccessRequestView, how: 'grant' | 'dismiss'): Promise<void>;
}

export function useAccessRequests(articleId?: string): AccessRequestsState {
  const requests = shallowRef<AccessRequestView[]>([]);
  const busy = ref<string>();
  const error = ref<string>();

  async function load(): Promise<void> {
    try {
      requests.value = await openAccessRequests(articleId);
    } catch {
      // Not allowed (any more) or offline: nothing to decide here.
      requests.value = [];
    }
  }

  async function decide(request: AccessRequestView, how: 'grant' | 'dismiss'): Promise<void> {
    busy.value = request.id;
    error.value = undefined;
    try {
      await (how === 'grant' ? grantAccess(request) : dismissAccess(request));
      requests.value = requests.value.filter((r) => r.id !== request.id);
    } catch (e) {
      error.value = errorMessage(e, how === 'grant' ? 'The person could not be added.' : 'The request could not be dismissed.');
      void load();
    } finally {
      busy.value = undefined;
    }
  }

  useEvents({
    'access-requests': ({ articleId: id }) => {
      if (!articleId || id === articleId) void load();
    },
    // A story someone may decide on changed hands or state.
    article: ({ article }) => {
      if (!articleId && requests.value.some((r) => r.articleId === article.id)) void load();
    },
    ready: () => void load(),
  });
  void load();
  return { requests, busy, error, decide };
}
