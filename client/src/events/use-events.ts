/**
 * The live event stream (GET /api/events, Server-Sent Events), one connection per tab shared
 * by every subscriber: opened with the first, closed with the last. The browser's EventSource
 * reconnects by itself after a dropped line; when it gives up (the server answered an error,
 * e.g. while restarting, or 401 once the session ended) we ask whether the session is still
 * good (a 401 there ends it: the sign-in page) and open a new stream after a growing pause.
 *
 * Events sent while the line was down are lost, so every `ready` after the first tells the
 * subscribers to reload what they show (`onReady` with `reconnected: true`).
 *
 *   useEvents({ article: (e) => …, presence: (e) => …, ready: ({ reconnected }) => … })
 */
import { onScopeDispose, readonly, ref, type Ref } from 'vue';
import { checkSession } from '../api/auth.js';
import { LIVE_EVENT_TYPES, parseLiveEvent, type LiveEvent, type LiveEventType } from './live-event.js';

export type { LiveEvent, LiveEventType } from './live-event.js';

export type LiveEventHandlers = {
  [K in LiveEventType]?: (event: Extract<LiveEvent, { type: K }>) => void;
} & {
  /** The stream is (again) live. After a reconnect, events may have been missed: reload. */
  ready?: (info: { reconnected: boolean }) => void;
};

const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

const subscribers = new Set<LiveEventHandlers>();
const connected = ref(false);
let source: EventSource | undefined;
let everReady = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = RETRY_MIN_MS;

function dispatch(event: LiveEvent): void {
  for (const handlers of [...subscribers]) {
    const handler = handlers[event.type] as ((e: LiveEvent) => void) | undefined;
    handler?.(event);
  }
}

function open(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  const es = new EventSource('/api/events', { withCredentials: true });
  source = es;
  es.addEventListener('ready', () => {
    connected.value = true;
    retryDelay = RETRY_MIN_MS;
    const reconnected = everReady;
    everReady = true;
    for (const handlers of [...subscribers]) handlers.ready?.({ reconnected });
  });
  for (const type of LIVE_EVENT_TYPES) {
    es.addEventListener(type, (message: MessageEvent<string>) => {
      const event = parseLiveEvent(type, message.data);
      if (event) dispatch(event);
    });
  }
  es.addEventListener('error', () => {
    connected.value = false;
    // CONNECTING: the browser is already retrying. CLOSED: it gave up; we try again later.
    if (es.readyState !== EventSource.CLOSED || source !== es) return;
    source = undefined;
    if (subscribers.size === 0) return;
    // The browser hides the answer that refused the stream; a 401 means the session ended
    // elsewhere (signed out in another tab, disabled): asking says so, and the page goes to
    // the sign-in page instead of reconnecting forever.
    void checkSession();
    retryTimer = setTimeout(open, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  });
}

function close(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  source = undefined;
  connected.value = false;
  // A later subscriber starts fresh: it loads its own data first, so its first ready is not a reconnect.
  everReady = false;
}

/** Subscribes outside a component; returns the unsubscribe function. */
export function subscribeEvents(handlers: LiveEventHandlers): () => void {
  subscribers.add(handlers);
  if (!source && retryTimer === undefined) open();
  return () => {
    if (!subscribers.delete(handlers)) return;
    if (subscribers.size === 0) close();
  };
}

/** Subscribes for the life of the calling component (or effect scope). */
export function useEvents(handlers: LiveEventHandlers): { connected: Readonly<Ref<boolean>> } {
  onScopeDispose(subscribeEvents(handlers));
  return { connected: readonly(connected) };
}
