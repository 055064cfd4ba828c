/**
 * The connection state of one WebsocketProvider, as the person should see it: connecting for the
 * first time, syncing, connected, offline (edits kept in IndexedDB, retry countdown) or closed
 * for good with the reason the server gave (close codes from shared/wire.ts).
 *
 * A socket can die without closing (the device lost its network, a tunnel, a sleeping laptop):
 * the browser's offline event drops it at once, and a quiet socket is asked for a sign of life
 * and dropped when none comes (y-websocket alone waits 30 s), so "Connected" is never shown for
 * a line that no longer carries anything.
 */
import { describeClose, isFatalClose, MessageType, type SaveState } from '@copydesk/shared';
import { computed, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref } from 'vue';
import type { WebsocketProvider } from 'y-websocket';

export const ConnectionState = {
  connecting: 'connecting',
  syncing: 'syncing',
  connected: 'connected',
  offline: 'offline',
  closed: 'closed',
} as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

export interface ConnectionInfo {
  state: ConnectionState;
  /** Why the connection is not live, when known (a close reason, "you are offline"). */
  reason: string | undefined;
  /** Whole seconds until the provider's next attempt, while offline. */
  retryInSeconds: number | undefined;
  /** Why the connection closed for good (a code from shared/wire.ts), once `closed`. */
  closeCode: number | undefined;
  /** Changes sent on this connection that the server has not yet confirmed as stored. */
  unsaved: number;
  /** Why the server refused changes sent on this connection (they are not saved). */
  refused: string | undefined;
  /** Changes have waited for the server's confirmation longer than `SLOW_SAVE_MS`. */
  slowSave: boolean;
}

export interface UseConnectionOptions {
  /**
   * Asks the server, another way, why the socket keeps failing. A browser sees a refused
   * WebSocket upgrade only as close code 1006, so a 401/403/404 at the upgrade needs this to be
   * told apart from a network failure. Resolves to a close code, or undefined if unknown.
   */
  probe?: () => Promise<number | undefined>;
  /** What the server has confirmed or refused of this editor's changes (SaveReceipts in shared/). */
  save?: Readonly<Ref<SaveState>>;
}

/** After this long without the server confirming a change, "Saving…" says it is taking long. */
export const SLOW_SAVE_MS = 8_000;

/** After this long without a message from the server, ask it for one (a presence query it answers). */
export const QUIET_MS = 4_000;
/**
 * A question unanswered this long means the socket is dead: it is dropped and reopened. Longer
 * than "Still saving…" takes (SLOW_SAVE_MS), so a stalled line reads Saving…, Still saving…,
 * then Offline.
 */
export const ANSWER_WITHIN_MS = 10_000;
const WATCH_EVERY_MS = 1_000;

/** How many opening attempts fail before `probe` is asked, and again every so many after. */
const PROBE_EVERY = 3;
const ABNORMAL_CLOSURE = 1006;

export interface UseConnection {
  connection: ComputedRef<ConnectionInfo>;
  /** Try again now instead of waiting for the backoff. */
  retryNow: () => void;
}

export function useConnection(provider: WebsocketProvider, { probe, save }: UseConnectionOptions = {}): UseConnection {
  const state = ref<ConnectionState>(provider.wsconnected ? ConnectionState.syncing : ConnectionState.connecting);
  const reason = shallowRef<string>();
  const closeCode = ref<number>();
  const retryAt = ref<number>();
  const now = ref(Date.now());
  const online = ref(navigator.onLine);
  let failedOpens = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;

  function closeForGood(code: number, serverReason?: string): void {
    state.value = ConnectionState.closed;
    clearInterval(watchdog);
    closeCode.value = code;
    reason.value = describeClose(code) ?? (serverReason || 'The server closed the connection.');
    retryAt.value = undefined;
    provider.disconnect();
  }

  function onStatus({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void {
    if (state.value === ConnectionState.closed) return;
    if (status === 'connected') {
      failedOpens = 0;
      retryAt.value = undefined;
      reason.value = undefined;
      state.value = provider.synced ? ConnectionState.connected : ConnectionState.syncing;
    } else if (status === 'disconnected') {
      state.value = ConnectionState.offline;
    }
    // 'connecting' changes nothing: the first attempt starts as "connecting", and retries after
    // a loss stay "offline" so the pill does not flicker on every attempt.
  }

  function onSync(synced: boolean): void {
    if (state.value === ConnectionState.closed) return;
    if (synced && provider.wsconnected) state.value = ConnectionState.connected;
    else if (!synced && provider.wsconnected) state.value = ConnectionState.syncing;
  }

  function onConnectionClose(event: CloseEvent | null): void {
    if (state.value === ConnectionState.closed) return;
    if (event && isFatalClose(event.code)) return; // `closed` follows from shouldReconnect
    const opened = state.value === ConnectionState.syncing || state.value === ConnectionState.connected;
    state.value = ConnectionState.offline;
    reason.value = online.value ? (event ? describeClose(event.code) : undefined) : undefined;
    // y-websocket counts this failure after emitting and then waits 2^failures * 100 ms, capped.
    const failures = provider.wsUnsuccessfulReconnects + 1;
    retryAt.value = Date.now() + Math.min(2 ** failures * 100, provider.maxBackoffTime);
    startTicker();
    if (!opened && event?.code === ABNORMAL_CLOSURE) {
      failedOpens++;
      if (probe && online.value && failedOpens % PROBE_EVERY === 0) {
        void probe().then((code) => {
          if (code !== undefined && isFatalClose(code) && state.value !== ConnectionState.connected) closeForGood(code);
        });
      }
    }
  }

  function onClosed({ code, reason: serverReason }: { code: number; reason: string }): void {
    closeForGood(code, serverReason);
  }

  function startTicker(): void {
    now.value = Date.now();
    ticker ??= setInterval(() => {
      now.value = Date.now();
      if (state.value !== ConnectionState.offline) stopTicker();
    }, 1000);
  }

  function stopTicker(): void {
    if (ticker !== undefined) clearInterval(ticker);
    ticker = undefined;
  }

  function retryNow(): void {
    if (state.value === ConnectionState.closed) return;
    if (!provider.wsconnected && provider.ws === null) provider.connect();
  }

  /**
   * Gives up on the current socket (it carries nothing any more) and starts again with the
   * provider's own reconnection: the close is reported at once (offline, retry countdown), and
   * a new socket connects as soon as the line allows.
   */
  function dropSocket(): void {
    if (state.value === ConnectionState.closed || provider.ws === null) return;
    provider.disconnect();
    provider.connect();
  }

  // A quiet socket is asked for a sign of life; one that does not answer is dead. Only an
  // unanswered question counts, not silence alone: a background tab's timers run late, and a
  // socket that answers when asked is fine however long it was quiet. (Arrivals are noticed as
  // changes of the provider's last-message stamp, timed on this module's clock.)
  let stamp = provider.wsLastMessageReceived;
  let heardAt = Date.now();
  let askedAt: number | undefined;
  const watchdog = setInterval(() => {
    const now = Date.now();
    if (!provider.wsconnected || provider.ws === null || provider.wsLastMessageReceived !== stamp) {
      stamp = provider.wsLastMessageReceived;
      heardAt = now;
      askedAt = undefined;
      return;
    }
    if (askedAt !== undefined) {
      if (now - askedAt >= ANSWER_WITHIN_MS) {
        askedAt = undefined;
        dropSocket();
      }
    } else if (now - heardAt >= QUIET_MS) {
      askedAt = now;
      provider.ws.send(Uint8Array.of(MessageType.queryAwareness));
    }
  }, WATCH_EVERY_MS);

  const onOnline = () => {
    online.value = true;
    retryNow();
  };
  // The device lost its network: whatever the socket says, nothing reaches the server now.
  const onOffline = () => {
    online.value = false;
    if (state.value === ConnectionState.closed) return;
    dropSocket();
    state.value = ConnectionState.offline;
  };

  // "Still saving…" once SLOW_SAVE_MS pass with changes waiting and no confirmation from the
  // server (its commits are failing, or the link is stalled): "Saving…" should not read as nearly
  // done. Each confirmation starts the wait again, so steady typing on a slow link is not "stuck".
  const slowSave = ref(false);
  let slowTimer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => save?.value.unsaved ?? 0,
    (unsaved, before) => {
      if (unsaved > 0 && before !== undefined && before > 0 && unsaved > before) return;
      clearTimeout(slowTimer);
      slowSave.value = false;
      if (unsaved > 0) slowTimer = setTimeout(() => (slowSave.value = true), SLOW_SAVE_MS);
    },
    { immediate: true },
  );

  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onConnectionClose);
  provider.on('closed', onClosed);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  if (!online.value) state.value = ConnectionState.offline;

  onScopeDispose(() => {
    provider.off('status', onStatus);
    provider.off('sync', onSync);
    provider.off('connection-close', onConnectionClose);
    provider.off('closed', onClosed);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    stopTicker();
    clearInterval(watchdog);
    clearTimeout(slowTimer);
  });

  const connection = computed<ConnectionInfo>(() => {
    const offline = state.value === ConnectionState.offline;
    const seconds = offline && retryAt.value !== undefined ? Math.ceil((retryAt.value - now.value) / 1000) : undefined;
    return {
      state: state.value,
      reason: offline && !online.value ? 'This device is offline.' : reason.value,
      retryInSeconds: seconds !== undefined && seconds > 0 ? seconds : undefined,
      closeCode: closeCode.value,
      unsaved: save?.value.unsaved ?? 0,
      refused: save?.value.refused,
      slowSave: slowSave.value,
    };
  });

  return { connection, retryNow };
}

/** Stop retrying after a close code the server means for good (the provider's default would also stop on 4400 and 4429, which are worth retrying). */
export function shouldReconnect(event: CloseEvent): boolean {
  return !isFatalClose(event.code);
}
