/**
 * Co-writers and requests for access: a writer on a draft adds another writer (editors remove,
 * writers do not), and someone who may not open an article asks to be put on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_REQUEST_MESSAGE_MAX, type AccessRequestView, type ArticleSummary } from '@copydesk/shared';
import { ACCESS_REQUESTS_PER_HOUR } from '../src/articles/access-requests.js';
import { api, createArticle, createPerson, startTestServer, type Actor, type TestServer } from './helpers.js';

let server: TestServer;
let ana: Actor;
let ben: Actor;
let cleo: Actor;
let eve: Actor;

beforeAll(async () => {
  server = await startTestServer();
  ana = await createPerson(server, 'writer', 'Ana Reyes');
  ben = await createPerson(server, 'writer', 'Ben Carter');
  cleo = await createPerson(server, 'writer', 'Cleo Park');
  eve = await createPerson(server, 'editor', 'Eve Desk');
});

afterAll(() => server.dispose());

const status = (p: Promise<Response>) => p.then((r) => r.status);
const addCowriter = (actor: Actor, articleId: string, userId: string) => api(server, actor, 'POST', `/api/articles/${articleId}/cowriters`, { userId });
const opens = (actor: Actor, articleId: string) => status(api(server, actor, 'GET', `/api/articles/${articleId}`));

async function audit(articleId: string): Promise<{ action: string; actor: { id: string } | null; data: Record<string, unknown> }[]> {
  const res = await api(server, eve, 'GET', `/api/articles/${articleId}/audit`);
  return ((await res.json()) as { entries: { action: string; actor: { id: string } | null; data: Record<string, unknown> }[] }).entries;
}

describe('co-writers', () => {
  it('lets the writer of a draft add another writer, who opens it at once; the addition is in the audit log', async () => {
    const id = await createArticle(server, 'Port strike', ana);
    expect(await opens(ben, id)).toBe(403);
    const res = await addCowriter(ana, id, ben.user.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { article: ArticleSummary; permissions: { canAddCowriter: boolean } };
    expect(body.article.assignees.map((a) => a.name)).toContain('Ben Carter');
    expect(body.permissions.canAddCowriter).toBe(true);
    expect(await opens(ben, id)).toBe(200);
    const [entry] = await audit(id);
    expect(entry).toMatchObject({ action: 'assign', actor: { id: ana.user.id }, data: { added: [ben.user.id], removed: [], cowriter: true } });

    // The co-writer may add a third; adding someone already on it changes nothing.
    expect((await addCowriter(ben, id, cleo.user.id)).status).toBe(200);
    expect(await opens(cleo, id)).toBe(200);
    const before = (await audit(id)).length;
    expect((await addCowriter(ana, id, cleo.user.id)).status).toBe(200);
    expect((await audit(id)).length).toBe(before);
  });

  it('refuses strangers, writers once the draft is submitted, and people who cannot sign in', async () => {
    const id = await createArticle(server, 'Council vote', ana);
    expect((await addCowriter(ben, id, ben.user.id)).status).toBe(403);
    expect((await addCowriter(ana, id, 'no-such-person')).status).toBe(400);
    const gone = await createPerson(server, 'writer', 'Gone Writer');
    expect((await api(server, server.admin, 'PATCH', `/api/users/${gone.user.id}`, { disabled: true })).status).toBe(200);
    const refused = await addCowriter(ana, id, gone.user.id);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unknown_user');

    expect((await api(server, ana, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    const late = await addCowriter(ana, id, ben.user.id);
    expect(late.status).toBe(403);
    expect(((await late.json()) as { error: { message: string } }).error.message).toMatch(/draft/);
    // Editors add in any state.
    expect((await addCowriter(eve, id, ben.user.id)).status).toBe(200);
  });

  it('lets editors remove a co-writer, and never writers', async () => {
    const id = await createArticle(server, 'Flood defences', ana);
    expect((await addCowriter(ana, id, ben.user.id)).status).toBe(200);
    // Neither the writer who started it nor the co-writer may take anyone off.
    expect(await status(api(server, ana, 'PATCH', `/api/articles/${id}`, { assignees: [ana.user.id] }))).toBe(403);
    expect(await status(api(server, ben, 'PATCH', `/api/articles/${id}`, { assignees: [ben.user.id] }))).toBe(403);
    expect(await opens(ben, id)).toBe(200);
    expect(await status(api(server, eve, 'PATCH', `/api/articles/${id}`, { assignees: [ana.user.id] }))).toBe(200);
    expect(await opens(ben, id)).toBe(403);
    expect((await audit(id))[0]).toMatchObject({ action: 'assign', actor: { id: eve.user.id }, data: { removed: [ben.user.id] } });
  });
});

describe('requests for access', () => {
  const ask = (actor: Actor, id: string, message?: string) =>
    api(server, actor, 'POST', `/api/articles/${id}/access-requests`, message === undefined ? {} : { message });
  const requestOf = async (res: Response) => ((await res.json()) as { request: AccessRequestView }).request;

  it('reaches the writers of the draft and the editors, who grant it; the person may then open the article', async () => {
    const id = await createArticle(server, 'Secret budget', ana);
    const asked = await ask(cleo, id, 'I covered the last budget — can I help?');
    expect(asked.status).toBe(201);
    const request = await requestOf(asked);
    expect(request).toMatchObject({ status: 'open', message: 'I covered the last budget — can I help?', requester: { name: 'Cleo Park' } });
    // The person asking never learns the headline.
    expect(request.headline).toBe('');
    // One open request per person and article: asking again answers with the same one.
    const again = await ask(cleo, id, 'Hello?');
    expect(again.status).toBe(200);
    expect((await requestOf(again)).id).toBe(request.id);

    // The writer of the draft and the editors see it (with the headline); others do not.
    const forAna = (await (await api(server, ana, 'GET', `/api/articles/${id}/access-requests`)).json()) as { requests: AccessRequestView[] };
    expect(forAna.requests.map((r) => r.id)).toEqual([request.id]);
    const desk = (await (await api(server, eve, 'GET', '/api/access-requests')).json()) as { requests: AccessRequestView[] };
    expect(desk.requests.find((r) => r.id === request.id)?.headline).toBe('Secret budget');
    const anaDesk = (await (await api(server, ana, 'GET', '/api/access-requests')).json()) as { requests: AccessRequestView[] };
    expect(anaDesk.requests.map((r) => r.id)).toContain(request.id);
    const benDesk = (await (await api(server, ben, 'GET', '/api/access-requests')).json()) as { requests: AccessRequestView[] };
    expect(benDesk.requests.map((r) => r.id)).not.toContain(request.id);
    expect(await status(api(server, ben, 'GET', `/api/articles/${id}/access-requests`))).toBe(403);
    expect(await status(api(server, ben, 'POST', `/api/articles/${id}/access-requests/${request.id}/grant`))).toBe(403);

    expect(await status(api(server, ana, 'POST', `/api/articles/${id}/access-requests/${request.id}/grant`))).toBe(200);
    expect(await opens(cleo, id)).toBe(200);
    const [entry] = await audit(id);
    expect(entry).toMatchObject({ action: 'assign', actor: { id: ana.user.id }, data: { added: [cleo.user.id] } });
    const mine = (await (await api(server, cleo, 'GET', `/api/articles/${id}/access-request`)).json()) as { request: null };
    expect(mine.request).toBeNull();
    const decided = await server.ctx.accessRequests.latestOf(id, cleo.user.id);
    expect(decided).toMatchObject({ status: 'granted', decidedBy: { id: ana.user.id } });
    // Decided requests are no longer listed, and cannot be decided twice.
    expect(((await (await api(server, eve, 'GET', `/api/articles/${id}/access-requests`)).json()) as { requests: unknown[] }).requests).toEqual([]);
    expect(await status(api(server, eve, 'POST', `/api/articles/${id}/access-requests/${request.id}/dismiss`))).toBe(404);
  });

  it('can be dismissed; the person sees that on their page and still may not open the article', async () => {
    const id = await createArticle(server, 'Quiet story', ana);
    const request = await requestOf(await ask(ben, id));
    expect(request.message).toBe('');
    expect(await status(api(server, eve, 'POST', `/api/articles/${id}/access-requests/${request.id}/dismiss`))).toBe(200);
    const mine = (await (await api(server, ben, 'GET', `/api/articles/${id}/access-request`)).json()) as { request: AccessRequestView };
    expect(mine.request).toMatchObject({ id: request.id, status: 'dismissed', headline: '' });
    expect(await opens(ben, id)).toBe(403);
  });

  it('is limited: a short note, not from someone who can open the article, and a few an hour', async () => {
    const id = await createArticle(server, 'Limits', ana);
    const long = await ask(cleo, id, 'x'.repeat(ACCESS_REQUEST_MESSAGE_MAX + 1));
    expect(long.status).toBe(400);
    expect(await status(ask(ana, id))).toBe(400);
    expect(await status(ask(ana, 'no-such-article-id'))).toBe(404);

    const asker = await createPerson(server, 'writer', 'Eager Writer');
    for (let i = 0; i < ACCESS_REQUESTS_PER_HOUR; i++) {
      expect(await status(ask(asker, await createArticle(server, `Story ${i}`, ana)))).toBe(201);
    }
    const refused = await ask(asker, await createArticle(server, 'One too many', ana));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
