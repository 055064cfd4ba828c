import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const ROSA = { id: 'u1', email: 'rosa@paper.test', name: 'Rosa Díaz', role: 'writer', color: '#b42318' };

type Reply = { status: number; body?: unknown } | 'offline';
let replies: Record<string, Reply[]>;
let calls: string[];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers();
  replies = {};
  calls = [];
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('fetch', async (path: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${path}`;
    calls.push(key);
    const reply = replies[key]?.shift() ?? { status: 500, body: { error: { code: 'internal', message: 'no reply set' } } };
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    return json(reply.status, reply.body ?? {});
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function load() {
  const mod = await import('./use-session.js');
  const { listArticles } = await import('../api/articles.js');
  return { ...mod, session: mod.useSession(), listArticles };
}

const unauthenticated = { status: 401, body: { error: { code: 'unauthenticated', message: 'Sign in to continue.' } } };

describe('useSession', () => {
  it('asks /api/me once, however many pages wait for it', async () => {
    replies['GET /api/me'] = [{ status: 200, body: { user: ROSA } }];
    const { session } = await load();
    await Promise.all([session.ensureLoaded(), session.ensureLoaded()]);
    await session.ensureLoaded();
    expect(calls).toEqual(['GET /api/me']);
    expect(session.status.value).toBe('signed-in');
    expect(session.user.value).toEqual({ ...ROSA, disabled: false });
  });

  it('is signed out without a notice when /api/me answers 401 at start', async () => {
    replies['GET /api/me'] = [unauthenticated];
    const ended = vi.fn();
    const { session, onSessionEnded } = await load();
    onSessionEnded(ended);
    await session.ensureLoaded();
    expect(session.status.value).toBe('signed-out');
    expect(session.notice.value).toBeUndefined();
    expect(ended).not.toHaveBeenCalled();
  });

  it('ends the session on any later 401: notice, email kept for the next sign-in, router told once', async () => {
    replies['GET /api/me'] = [{ status: 200, body: { user: ROSA } }];
    replies['GET /api/articles'] = [unauthenticated, unauthenticated];
    const ended = vi.fn();
    const { session, onSessionEnded, listArticles, SESSION_ENDED_NOTICE } = await load();
    onSessionEnded(ended);
    await session.ensureLoaded();
    await expect(listArticles()).rejects.toMatchObject({ status: 401 });
    await expect(listArticles()).rejects.toMatchObject({ status: 401 });
    expect(session.user.value).toBeNull();
    expect(session.notice.value).toBe(SESSION_ENDED_NOTICE);
    expect(session.lastEmail.value).toBe(ROSA.email);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('when an administrator ended the session, the notice says why', async () => {
    const why = 'An administrator changed your role from writer to editor, which signed you out. Sign in again to continue as an editor.';
    const ended401 = { status: 401, body: { error: { code: 'unauthenticated', message: why } } };
    replies['GET /api/me'] = [{ status: 200, body: { user: ROSA } }, ended401];
    replies['GET /api/articles'] = [ended401];
    const { session, listArticles } = await load();
    await session.ensureLoaded();
    await expect(listArticles()).rejects.toMatchObject({ status: 401 });
    await vi.waitFor(() => expect(session.notice.value).toBe(`${why} Unsaved edits are kept on this device.`));
    expect(calls).toEqual(['GET /api/me', 'GET /api/articles', 'GET /api/me']);
  });

  it('says why on the sign-in page opened after an administrator ended the session', async () => {
    const why = 'An administrator reset your password, which signed you out. Sign in with the new password.';
    const ended401 = { status: 401, body: { error: { code: 'unauthenticated', message: why } } };
    replies['GET /api/me'] = [ended401, ended401];
    const { session } = await load();
    await session.ensureLoaded();
    expect(session.status.value).toBe('signed-out');
    await vi.waitFor(() => expect(session.notice.value).toBe(`${why} Unsaved edits are kept on this device.`));
  });

  it('signing out is not a session that "ended": no notice, even if a 401 arrives meanwhile', async () => {
    replies['GET /api/me'] = [{ status: 200, body: { user: ROSA } }];
    replies['GET /api/articles'] = [unauthenticated];
    const { session, listArticles } = await load();
    await session.ensureLoaded();
    let finishLogout!: () => void;
    vi.stubGlobal('fetch', async (path: string, init?: RequestInit) => {
      if (path === '/api/auth/logout') {
        await new Promise<void>((r) => (finishLogout = r));
        return json(200, { ok: true });
      }
      calls.push(`${init?.method ?? 'GET'} ${path}`);
      return json(401, unauthenticated.body);
    });
    const out = session.signOut();
    await vi.waitFor(() => expect(finishLogout).toBeTypeOf('function'));
    // The server closes this session's sockets before the logout answer arrives.
    session.end();
    await expect(listArticles()).rejects.toMatchObject({ status: 401 });
    finishLogout();
    await out;
    expect(session.status.value).toBe('signed-out');
    expect(session.notice.value).toBeUndefined();
    expect(session.lastEmail.value).toBeUndefined();
  });

  it('while the server is unreachable, asks again and then follows its answer', async () => {
    replies['GET /api/me'] = ['offline', { status: 200, body: { user: ROSA } }];
    const { session } = await load();
    await session.ensureLoaded();
    expect(session.status.value).toBe('unreachable');
    expect(session.user.value).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(session.status.value).toBe('signed-in');
    expect(calls).toEqual(['GET /api/me', 'GET /api/me']);
  });

  it('tells the router when an unreachable server turns out to have no session for us', async () => {
    replies['GET /api/me'] = ['offline', unauthenticated];
    const ended = vi.fn();
    const { session, onSessionEnded } = await load();
    onSessionEnded(ended);
    await session.ensureLoaded();
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(session.status.value).toBe('signed-out'));
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
