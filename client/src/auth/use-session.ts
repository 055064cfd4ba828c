/**
 * Who is signed in, for the whole app: loaded from /api/me once at start (the router waits for
 * it), set by sign-in and setup, cleared by sign-out, and ended when the server says the session
 * is over (any unexpected 401, or the editor's socket closing with 4401). Components read it
 * through `useSession()`; nothing else calls /api/me.
 */
import type { PublicUser } from '@copydesk/shared';
import { computed, readonly, ref, shallowRef } from 'vue';
import { fetchMe, login, logout, sessionEndedReason } from '../api/auth.js';
import { onUnauthorized } from '../api/http.js';

export const SessionStatus = {
  /** /api/me has not answered yet. */
  loading: 'loading',
  signedIn: 'signed-in',
  signedOut: 'signed-out',
  /** The server could not be reached: pages that work offline (the editor) still open. */
  unreachable: 'unreachable',
} as const;
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];

export const SESSION_ENDED_NOTICE = 'Your session ended — sign in again; your unsaved edits are kept on this device.';

const user = shallowRef<PublicUser | null>(null);
const status = ref<SessionStatus>(SessionStatus.loading);
/** A sentence for the sign-in page (why the person was sent there), shown once. */
const notice = ref<string>();
/** The email of the session that just ended, so signing in again needs only the password. */
const lastEmail = ref<string>();
let loading: Promise<void> | undefined;
/** While signing out, the server closing this session's sockets is expected, not news. */
let signingOut = false;
const endedListeners = new Set<() => void>();

const LAST_USER_KEY = 'copydesk:last-user';

/**
 * Whose copies of articles this device holds: the signed-in account, or while the server
 * cannot be reached, the account last signed in here (so offline edits open after a reload).
 * Device copies are kept per account, so someone else signing in on a shared computer never
 * opens, or sends under their own name, another person's unsent edits.
 */
export function deviceOwner(): string {
  if (user.value) return user.value.id;
  try {
    return localStorage.getItem(LAST_USER_KEY) ?? 'signed-out';
  } catch {
    return 'signed-out';
  }
}

function signedIn(next: PublicUser): void {
  user.value = next;
  try {
    localStorage.setItem(LAST_USER_KEY, next.id);
  } catch {
    // Private mode or storage disabled: offline reloads just start empty.
  }
  status.value = SessionStatus.signedIn;
  notice.value = undefined;
}

const RETRY_UNREACHABLE_MS = 10_000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
const retryWhenOnline = () => void ensureLoaded();

function notifyEnded(): void {
  for (const listener of endedListeners) listener();
}

/**
 * Loads /api/me the first time it is called. While the server is unreachable it asks again
 * every few seconds (and when the browser comes back online), so the page learns who is
 * signed in, or that no one is, as soon as the server answers.
 */
function ensureLoaded(): Promise<void> {
  if (loading && status.value !== SessionStatus.unreachable) return loading;
  clearTimeout(retryTimer);
  loading = fetchMe().then(
    (me) => {
      const wasUnreachable = status.value === SessionStatus.unreachable;
      if (me) return signedIn(me);
      user.value = null;
      status.value = SessionStatus.signedOut;
      if (wasUnreachable) notifyEnded();
      explainEnding();
    },
    () => {
      status.value = SessionStatus.unreachable;
      retryTimer = setTimeout(() => void ensureLoaded(), RETRY_UNREACHABLE_MS);
      window.addEventListener('online', retryWhenOnline, { once: true });
    },
  );
  return loading;
}

/** The server ended this session: forget the user, leave a notice, and tell the router. */
function end(): void {
  if (status.value === SessionStatus.unreachable) return void ensureLoaded();
  if (status.value !== SessionStatus.signedIn || signingOut) return;
  lastEmail.value = user.value?.email;
  user.value = null;
  status.value = SessionStatus.signedOut;
  notice.value = SESSION_ENDED_NOTICE;
  notifyEnded();
  explainEnding();
}

/**
 * An administrator may have ended the session (a role change), while this tab was open or
 * before it was opened: the server then says why, and the sign-in page shows that instead.
 */
function explainEnding(): void {
  void sessionEndedReason().then((reason) => {
    if (reason && status.value === SessionStatus.signedOut) notice.value = `${reason} Unsaved edits are kept on this device.`;
  });
}

onUnauthorized(end);

export function useSession() {
  return {
    user: readonly(user),
    status: readonly(status),
    notice,
    lastEmail: readonly(lastEmail),
    isAdmin: computed(() => user.value?.role === 'admin'),
    ensureLoaded,
    async signIn(email: string, password: string): Promise<PublicUser> {
      const me = await login(email, password);
      signedIn(me);
      return me;
    },
    /** Ends the session on the server. This device's copies of articles stay (IndexedDB). */
    async signOut(): Promise<void> {
      signingOut = true;
      try {
        await logout();
      } finally {
        signingOut = false;
      }
      lastEmail.value = undefined;
      user.value = null;
      status.value = SessionStatus.signedOut;
    },
    /** After setup, or when an admin changed their own name or colour. */
    setUser(next: PublicUser): void {
      signedIn(next);
    },
    end,
  };
}

/** Called after `end()`: the router sends the person to sign in. */
export function onSessionEnded(listener: () => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}
