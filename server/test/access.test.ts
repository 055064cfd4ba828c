/**
 * The access matrix: every REST route and the WebSocket, for every kind of caller. Each cell
 * is the HTTP status the caller gets (for the WebSocket, 0 means the upgrade was accepted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createArticle, createPerson, startTestServer, upgradeStatus, type Actor, type TestServer } from './helpers.js';

type Who = 'anonymous' | 'writerOwn' | 'writerAssigned' | 'writerOther' | 'editor' | 'admin' | 'disabled';
const WHO: Who[] = ['anonymous', 'writerOwn', 'writerAssigned', 'writerOther', 'editor', 'admin', 'disabled'];

let server: TestServer;
let actors: Record<Who, Actor | null>;
let articleId: string;
let subjectId: string;

beforeAll(async () => {
  server = await startTestServer();
  const writerOwn = await createPerson(server, 'writer', 'Own Writer');
  const writerAssigned = await createPerson(server, 'writer', 'Assigned Writer');
  const writerOther = await createPerson(server, 'writer', 'Other Writer');
  const editor = await createPerson(server, 'editor');
  const disabled = await createPerson(server, 'editor', 'Gone Editor');
  const subject = await createPerson(server, 'writer', 'Subject');
  subjectId = subject.user.id;
  articleId = await createArticle(server, 'Matrix', writerOwn);
  const assign = await api(server, editor, 'PATCH', `/api/articles/${articleId}`, { assignees: [writerAssigned.user.id] });
  expect(assign.status).toBe(200);
  const off = await api(server, server.admin, 'PATCH', `/api/users/${disabled.user.id}`, { disabled: true });
  expect(off.status).toBe(200);
  actors = { anonymous: null, writerOwn, writerAssigned, writerOther, editor, admin: server.admin, disabled };
});

afterAll(() => server.dispose());

interface Route {
  name: string;
  call(actor: Actor | null): Promise<number>;
  expect: Record<Who, number>;
}

const row = (anonymous: number, own: number, assigned: number, other: number, editor: number, admin: number, disabled: number): Record<Who, number> => ({
  anonymous,
  writerOwn: own,
  writerAssigned: assigned,
  writerOther: other,
  editor,
  admin,
  disabled,
});

const status = (p: Promise<Response>) => p.then((r) => r.status);

const routes: Route[] = [
  { name: 'GET /api/me', call: (a) => status(api(server, a, 'GET', '/api/me')), expect: row(401, 200, 200, 200, 200, 200, 401) },
  { name: 'GET /api/articles', call: (a) => status(api(server, a, 'GET', '/api/articles')), expect: row(401, 200, 200, 200, 200, 200, 401) },
  {
    name: 'POST /api/articles',
    call: (a) => status(api(server, a, 'POST', '/api/articles', { headline: 'New' })),
    expect: row(401, 201, 201, 201, 201, 201, 401),
  },
  {
    name: 'GET /api/articles/:id',
    call: (a) => status(api(server, a, 'GET', `/api/articles/${articleId}`)),
    expect: row(401, 200, 200, 403, 200, 200, 401),
  },
  {
    name: 'PATCH /api/articles/:id',
    call: (a) => status(api(server, a, 'PATCH', `/api/articles/${articleId}`, { assignees: [actors.writerAssigned!.user.id] })),
    expect: row(401, 403, 403, 403, 200, 200, 401),
  },
  { name: 'GET /api/people', call: (a) => status(api(server, a, 'GET', '/api/people')), expect: row(401, 200, 200, 200, 200, 200, 401) },
  { name: 'GET /api/users', call: (a) => status(api(server, a, 'GET', '/api/users')), expect: row(401, 403, 403, 403, 403, 200, 401) },
  {
    name: 'POST /api/users',
    call: (a) =>
      status(api(server, a, 'POST', '/api/users', { email: `new-${Math.random()}@copydesk.test`, name: 'New', role: 'writer', password: 'long enough password' })),
    expect: row(401, 403, 403, 403, 403, 201, 401),
  },
  {
    name: 'PATCH /api/users/:id',
    call: (a) => status(api(server, a, 'PATCH', `/api/users/${subjectId}`, { name: 'Subject Renamed' })),
    expect: row(401, 403, 403, 403, 403, 200, 401),
  },
  { name: 'POST /api/me/password', call: (a) => status(api(server, a, 'POST', '/api/me/password', {})), expect: row(401, 400, 400, 400, 400, 400, 401) },
  { name: 'WS /collab/:id', call: (a) => upgradeStatus(server, articleId, a), expect: row(401, 0, 0, 403, 0, 0, 401) },
];

describe('access matrix', () => {
  for (const route of routes) {
    it(route.name, async () => {
      const got: Partial<Record<Who, number>> = {};
      for (const who of WHO) got[who] = await route.call(actors[who]);
      expect(got).toEqual(route.expect);
    });
  }

  it('lists only what a writer may open', async () => {
    const idsFor = async (who: Who) => {
      const res = await api(server, actors[who], 'GET', '/api/articles');
      return ((await res.json()) as { articles: { id: string }[] }).articles.map((a) => a.id);
    };
    expect(await idsFor('writerOwn')).toContain(articleId);
    expect(await idsFor('writerAssigned')).toContain(articleId);
    expect(await idsFor('writerOther')).not.toContain(articleId);
    expect(await idsFor('editor')).toContain(articleId);
  });

  it('names only the sections of articles the person may open', async () => {
    const editor = actors.editor!;
    const own = await createArticle(server, 'Council vote', actors.writerOwn!);
    const hidden = await createArticle(server, 'Leaked memo', editor);
    expect((await api(server, editor, 'PATCH', `/api/articles/${own}`, { section: 'City Hall' })).status).toBe(200);
    expect((await api(server, editor, 'PATCH', `/api/articles/${hidden}`, { section: 'Investigations' })).status).toBe(200);
    const sectionsFor = async (who: Who) => {
      const res = await api(server, actors[who], 'GET', '/api/articles');
      return ((await res.json()) as { sections: string[] }).sections;
    };
    expect(await sectionsFor('writerOwn')).toContain('City Hall');
    expect(await sectionsFor('writerOwn')).not.toContain('Investigations');
    expect(await sectionsFor('writerOther')).toEqual([]);
    expect(await sectionsFor('editor')).toEqual(expect.arrayContaining(['City Hall', 'Investigations']));
    expect(await sectionsFor('admin')).toEqual(expect.arrayContaining(['City Hall', 'Investigations']));
  });

  it('an unknown article is 404 for everyone signed in, on REST and WebSocket', async () => {
    expect(await status(api(server, actors.writerOther, 'GET', '/api/articles/doesnotexist123'))).toBe(404);
    expect(await upgradeStatus(server, 'doesnotexist123', actors.editor)).toBe(404);
  });
});
