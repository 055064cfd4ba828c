/** GET /api/people: who editors can assign and writers can add as co-writers. Enabled people only, without emails. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonOption } from '@copydesk/shared';
import { api, createArticle, createPerson, startTestServer, type Actor, type TestServer } from './helpers.js';

let server: TestServer;
let writer: Actor;
let editor: Actor;
let gone: Actor;

beforeAll(async () => {
  server = await startTestServer();
  writer = await createPerson(server, 'writer', 'Wren Writer');
  editor = await createPerson(server, 'editor', 'Eddie Editor');
  gone = await createPerson(server, 'writer', 'Gone Writer');
  const off = await api(server, server.admin, 'PATCH', `/api/users/${gone.user.id}`, { disabled: true });
  expect(off.status).toBe(200);
});

afterAll(() => server.dispose());

async function people(actor: Actor): Promise<Record<string, unknown>[]> {
  const res = await api(server, actor, 'GET', '/api/people');
  expect(res.status).toBe(200);
  return ((await res.json()) as { people: Record<string, unknown>[] }).people;
}

describe('GET /api/people', () => {
  it('gives editors every enabled person with name, colour and role, and no emails', async () => {
    const list = await people(editor);
    const byName = new Map(list.map((p) => [p.name, p]));
    expect(byName.get('Wren Writer')).toEqual({ id: writer.user.id, name: 'Wren Writer', color: writer.user.color, role: 'writer' } satisfies PersonOption);
    expect(byName.get('Eddie Editor')).toMatchObject({ id: editor.user.id, role: 'editor' });
    expect(byName.has('Gone Writer')).toBe(false);
    for (const person of list) expect(Object.keys(person).sort()).toEqual(['color', 'id', 'name', 'role']);
  });

  it('is for admins too, and lets an editor assign someone from it', async () => {
    const list = await people(server.admin);
    const wren = list.find((p) => p.name === 'Wren Writer');
    expect(wren).toBeDefined();
    const id = await createArticle(server, 'Harbour', editor);
    const res = await api(server, editor, 'PATCH', `/api/articles/${id}`, { assignees: [wren!.id] });
    expect(res.status).toBe(200);
    const { article } = (await res.json()) as { article: { assignees: { id: string; name: string }[] } };
    expect(article.assignees.map((a) => a.name)).toEqual(['Wren Writer']);
  });

  it('lists people for writers too (to choose a co-writer), and refuses the signed-out', async () => {
    const res = await api(server, writer, 'GET', '/api/people');
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).not.toContain('@');
    expect((await api(server, null, 'GET', '/api/people')).status).toBe(401);
  });
});
