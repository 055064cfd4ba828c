import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@copydesk/shared';
import {
  ADMIN,
  api,
  connectClient,
  cookieFrom,
  createArticle,
  createPerson,
  login,
  startBareServer,
  startTestServer,
  synced,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers.js';
import { sessionIdOf } from '../src/auth/sessions.js';

let server: TestServer;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
});

describe('sessions', () => {
  it('stores only the SHA-256 of the token, and sets a locked-down cookie', async () => {
    server = await startTestServer();
    const res = await api(server, null, 'POST', '/api/auth/login', ADMIN);
    expect(res.status).toBe(200);
    const header = res.headers.getSetCookie().find((c) => c.startsWith('copydesk_session='))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/i);
    const token = cookieFrom(res).split('=')[1]!;
    const { db, close } = await server.database.open();
    const ids = (await db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    await close();
    expect(ids).toContain(sessionIdOf(token));
    expect(ids).not.toContain(token);
  });

  it('uses a Secure __Host- cookie when the public URL is https', async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://desk.example.com' });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: 'https://desk.example.com', 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const header = res.headers.getSetCookie().find((c) => c.startsWith('__Host-copydesk_session='));
    expect(header).toBeDefined();
    expect(header).toMatch(/Secure/i);
    expect(header).toMatch(/HttpOnly/i);
  });

  it('logout ends the session on the server: a replayed cookie is refused', async () => {
    server = await startTestServer();
    const me = await login(server, ADMIN.email, ADMIN.password);
    expect((await api(server, me, 'GET', '/api/me')).status).toBe(200);
    const out = await api(server, me, 'POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/copydesk_session=;/);
    expect((await api(server, me, 'GET', '/api/me')).status).toBe(401);
    expect(await upgradeStatus(server, await createArticle(server), me)).toBe(401);
  });

  it('expires after 30 days and slides when used within 15 days of expiry', async () => {
    server = await startTestServer();
    const { SessionStore, generateSessionToken } = await import('../src/auth/sessions.js');
    let now = Date.now();
    const store = new SessionStore(server.ctx.database.db, () => now);
    const token = generateSessionToken();
    const created = await store.create(token, server.admin.user.id);
    const day = 24 * 3600 * 1000;

    now += 10 * day;
    const early = await store.validate(token);
    expect(early.session?.expiresAt.getTime()).toBe(created.expiresAt.getTime());
    expect(early.renewed).toBe(false);

    now += 10 * day; // 20 days in: inside the renewal window
    const renewed = await store.validate(token);
    expect(renewed.renewed).toBe(true);
    expect(renewed.session!.expiresAt.getTime()).toBe(now + 30 * day);

    now += 31 * day;
    expect((await store.validate(token)).session).toBeNull();
    expect((await store.validate(token)).session).toBeNull();
  });

  it('password change, role change and disabling end sessions', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const res = await api(server, server.admin, 'PATCH', `/api/users/${writer.user.id}`, { role: 'editor' });
    expect(res.status).toBe(200);
    expect((await api(server, writer, 'GET', '/api/me')).status).toBe(401);
  });
});

describe('cross-site requests', () => {
  it('refuses cross-origin JSON and form POSTs', async () => {
    server = await startTestServer();
    const json = await api(server, server.admin, 'POST', '/api/articles', { headline: 'CSRF' }, { origin: 'https://evil.example' });
    expect(json.status).toBe(403);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('bad_origin');
    const form = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', cookie: server.admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(form.status).toBe(403);
    const fetchSite = await api(server, server.admin, 'POST', '/api/articles', {}, { origin: '', 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    expect((await api(server, server.admin, 'GET', '/api/me')).status).toBe(200);
  });

  it('refuses a cross-origin WebSocket even with a valid cookie', async () => {
    server = await startTestServer();
    const id = await createArticle(server);
    expect(await upgradeStatus(server, id, server.admin, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(server, id, server.admin)).toBe(0);
  });

  it('sends security headers on every response', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/me`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBeTruthy();
  });
});

describe('revocation reaches live sockets', () => {
  it('disabling a user closes their socket with 4401', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server);
    const c = connectClient(server, id, editor);
    clients.push(c);
    await synced(c);
    await api(server, server.admin, 'PATCH', `/api/users/${editor.user.id}`, { disabled: true });
    await waitFor(() => c.closes.some((e) => e.code === CloseCode.unauthorized));
  });

  it('logging out elsewhere closes that session’s sockets; unassigning closes a writer’s with 4403', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const id = await createArticle(server);
    await api(server, server.admin, 'PATCH', `/api/articles/${id}`, { assignees: [writer.user.id] });
    const c = connectClient(server, id, writer);
    clients.push(c);
    await synced(c);
    await api(server, server.admin, 'PATCH', `/api/articles/${id}`, { assignees: [] });
    await waitFor(() => c.closes.some((e) => e.code === CloseCode.forbidden));

    const admin2 = await login(server, ADMIN.email, ADMIN.password);
    const d = connectClient(server, id, admin2);
    clients.push(d);
    await synced(d);
    await api(server, admin2, 'POST', '/api/auth/logout');
    await waitFor(() => d.closes.some((e) => e.code === CloseCode.unauthorized));
  });
});

describe('presence', () => {
  it('shows the account’s name and colour, whatever the client claims', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer', 'Rosa Díaz');
    const id = await createArticle(server, undefined, writer);
    const mallory = connectClient(server, id, writer);
    const observer = connectClient(server, id);
    clients.push(mallory, observer);
    await Promise.all([synced(mallory), synced(observer)]);
    mallory.provider.awareness.setLocalStateField('user', { name: 'The Editor-in-Chief', color: '#000000' });
    const seen = await waitFor(() =>
      [...observer.provider.awareness.getStates().entries()].find(([cid]) => cid === mallory.doc.clientID)?.[1],
    );
    expect(seen?.user).toEqual({ id: writer.user.id, name: 'Rosa Díaz', color: writer.user.color });
  });
});

describe('first-run setup', () => {
  it('creates the first admin once, with the one-time token, and never again', async () => {
    const bare = await startBareServer();
    try {
      expect(await (await api(bare, null, 'GET', '/api/setup')).json()).toEqual({ needed: true });
      const token = bare.ctx.setup.token!;
      expect(token.length).toBeGreaterThan(20);
      const body = { email: 'Chief@Paper.test', name: 'Chief', password: 'a long admin password' };
      expect((await api(bare, null, 'POST', '/api/setup', { ...body, token: 'wrong' })).status).toBe(403);
      const ok = await api(bare, null, 'POST', '/api/setup', { ...body, token });
      expect(ok.status).toBe(201);
      const me = await api(bare, { cookie: cookieFrom(ok), user: undefined as never }, 'GET', '/api/me');
      expect(((await me.json()) as { user: { role: string; email: string } }).user).toMatchObject({ role: 'admin', email: 'chief@paper.test' });
      expect((await api(bare, null, 'POST', '/api/setup', { ...body, token })).status).toBe(409);
      expect(await (await api(bare, null, 'GET', '/api/setup')).json()).toEqual({ needed: false });
    } finally {
      await bare.dispose();
    }
  });

  it('never lets the last active admin be demoted or disabled', async () => {
    server = await startTestServer();
    const res = await api(server, server.admin, 'PATCH', `/api/users/${server.admin.user.id}`, { role: 'writer' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('last_admin');
  });

  it('two admins demoting (or disabling) each other at once leave one of them admin', async () => {
    server = await startTestServer();
    let survivor = server.admin;
    // On SQLite nothing but the password hash yields between the check and the write, so some
    // rounds reset the password too; on PostgreSQL every query is a wait.
    const patches = [{ role: 'editor' }, { disabled: true }, { role: 'writer', password: 'a new long password' }, { disabled: true, password: 'a new long password' }];
    for (let round = 0; round < 8; round++) {
      const other = await createPerson({ ...server, admin: survivor }, 'admin');
      const patch = patches[round % patches.length];
      const answers = await Promise.all([
        api(server, survivor, 'PATCH', `/api/users/${other.user.id}`, patch),
        api(server, other, 'PATCH', `/api/users/${survivor.user.id}`, patch),
      ]);
      const statuses = answers.map((r) => r.status);
      // The loser's request is refused as the last admin's (409), or, if the winner's change
      // ended its session first, as signed out (401).
      expect(statuses.filter((s) => s === 200), `round ${round}: ${statuses.join(', ')}`).toHaveLength(1);
      const admins = (await server.ctx.users.list()).filter((u) => u.role === 'admin' && !u.disabled);
      expect(admins.map((u) => u.id)).toHaveLength(1);
      survivor = admins[0]!.id === survivor.user.id ? survivor : other;
    }
  });
});
