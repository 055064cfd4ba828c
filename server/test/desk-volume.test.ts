/**
 * The desk at volume: GET /api/articles filters, sorts and pages on the server and says how many
 * match; each summary says what happened last and who did it. The newsroom's sections: admins
 * keep the list, articles pick from it, and the migration seeds it from what articles used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import type { ArticleSummary, Section } from '@copydesk/shared';
import { openDatabase } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations.js';
import { api, connectClient, createArticle, createPerson, startTestServer, synced, tempDir, typeInFirstParagraph, waitFor, type Actor, type TestServer } from './helpers.js';

let server: TestServer;
let writer: Actor;
let editor: Actor;

beforeAll(async () => {
  server = await startTestServer();
  writer = await createPerson(server, 'writer', 'Ada Reporter');
  editor = await createPerson(server, 'editor', 'Ben Editor');
});
afterAll(() => server.dispose());

async function list(actor: Actor, query: string): Promise<{ articles: ArticleSummary[]; total: number }> {
  const res = await api(server, actor, 'GET', `/api/articles${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { articles: ArticleSummary[]; total: number };
}

async function patch(actor: Actor, id: string, body: unknown): Promise<Response> {
  return api(server, actor, 'PATCH', `/api/articles/${id}`, body);
}

async function addSection(name: string): Promise<Section> {
  const res = await api(server, server.admin, 'POST', '/api/sections', { name });
  expect(res.status).toBe(201);
  return ((await res.json()) as { section: Section }).section;
}

describe('the desk list at volume', () => {
  it('pages, counts, filters by stage and by last change, and sorts on the server', async () => {
    await addSection('Volume');
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const id = await createArticle(server, `Volume story ${String(i).padStart(2, '0')}`, editor);
      await patch(editor, id, { section: 'Volume' });
      ids.push(id);
    }
    const first = await list(editor, '?section=Volume&limit=10');
    expect(first.total).toBe(25);
    expect(first.articles).toHaveLength(10);
    const second = await list(editor, '?section=Volume&limit=10&offset=10');
    const third = await list(editor, '?section=Volume&limit=10&offset=20');
    const all = [...first.articles, ...second.articles, ...third.articles].map((a) => a.id);
    expect(new Set(all).size).toBe(25);
    // The latest change first.
    expect(first.articles[0]!.id).toBe(ids[24]);

    const byHeadline = await list(editor, '?section=Volume&sort=headline&dir=asc&limit=3');
    expect(byHeadline.articles.map((a) => a.headline)).toEqual(['Volume story 00', 'Volume story 01', 'Volume story 02']);
    const byHeadlineDesc = await list(editor, '?section=Volume&sort=headline&dir=desc&limit=1');
    expect(byHeadlineDesc.articles[0]!.headline).toBe('Volume story 24');

    const submit = await api(server, editor, 'POST', `/api/articles/${ids[3]}/transitions`, { action: 'submit' });
    expect(submit.status).toBe(200);
    const inReview = await list(editor, '?section=Volume&states=in_review');
    expect(inReview.articles.map((a) => a.id)).toEqual([ids[3]]);
    expect((await list(editor, '?section=Volume&states=draft,approved')).total).toBe(24);
    const byState = await list(editor, '?section=Volume&sort=state&dir=desc&limit=1');
    expect(byState.articles[0]!.id).toBe(ids[3]);

    const future = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 24 * 3600_000).toISOString();
    expect((await list(editor, `?section=Volume&updatedFrom=${encodeURIComponent(future)}`)).total).toBe(0);
    expect((await list(editor, `?section=Volume&updatedFrom=${encodeURIComponent(past)}&updatedTo=${encodeURIComponent(future)}`)).total).toBe(25);
    expect((await list(editor, `?section=Volume&updatedTo=${encodeURIComponent(past)}`)).total).toBe(0);
  });

  it('refuses what it cannot answer instead of answering everything', async () => {
    for (const query of ['?limit=0', '?limit=501', '?states=draft,lost', '?sort=mood', '?updatedFrom=yesterday', '?offset=-1']) {
      const res = await api(server, editor, 'GET', `/api/articles${query}`);
      expect(res.status, query).toBe(400);
    }
  });

  it('keeps a writer to the articles they may open, in the count too', async () => {
    await createArticle(server, 'Not for the writer', editor);
    const mine = await createArticle(server, 'The writer’s own', writer);
    const page = await list(writer, '?limit=50');
    expect(page.articles.map((a) => a.id)).toEqual([mine]);
    expect(page.total).toBe(1);
  });

  it('says what happened last and who did it', async () => {
    const id = await createArticle(server, 'Who did what', writer);
    const created = (await list(writer, '?q=Who%20did%20what')).articles[0]!;
    expect(created.lastChange).toMatchObject({ action: 'create', by: 'Ada Reporter' });

    const client = connectClient(server, id, writer);
    await synced(client);
    typeInFirstParagraph(client.doc, 'A first paragraph.');
    await waitFor(async () => (await list(writer, '?q=Who%20did%20what')).articles[0]!.lastChange?.action === 'edit');
    expect((await list(writer, '?q=Who%20did%20what')).articles[0]!.lastChange).toMatchObject({ action: 'edit', by: 'Ada Reporter' });
    client.destroy();

    expect((await api(server, writer, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    expect((await list(editor, '?q=Who%20did%20what')).articles[0]!.lastChange).toMatchObject({ action: 'submit', by: 'Ada Reporter' });
    expect((await api(server, editor, 'POST', `/api/articles/${id}/transitions`, { action: 'approve' })).status).toBe(200);
    expect((await list(editor, '?q=Who%20did%20what')).articles[0]!.lastChange).toMatchObject({ action: 'approve', by: 'Ben Editor' });
  });
});

describe('sections', () => {
  it('take any name as typed until the newsroom has a list', async () => {
    const fresh = await startTestServer();
    try {
      const id = await createArticle(fresh, 'Before the list');
      const res = await api(fresh, fresh.admin, 'PATCH', `/api/articles/${id}`, { section: 'Anything' });
      expect(res.status).toBe(200);
    } finally {
      await fresh.dispose();
    }
  });

  it('are kept by admins and read by everyone signed in', async () => {
    expect((await api(server, editor, 'POST', '/api/sections', { name: 'Sport' })).status).toBe(403);
    expect((await api(server, null, 'GET', '/api/sections')).status).toBe(401);
    const sport = await addSection('Sport');
    expect((await api(server, server.admin, 'POST', '/api/sections', { name: '  sport ' })).status).toBe(409);
    expect((await api(server, server.admin, 'POST', '/api/sections', { name: 'x'.repeat(61) })).status).toBe(400);
    const res = await api(server, writer, 'GET', '/api/sections');
    const { sections } = (await res.json()) as { sections: Section[] };
    expect(sections.map((s) => s.name)).toContain('Sport');
    expect((await api(server, writer, 'PATCH', `/api/sections/${sport.id}`, { name: 'Sports' })).status).toBe(403);
    expect((await api(server, writer, 'DELETE', `/api/sections/${sport.id}`)).status).toBe(403);
  });

  it('are picked from the list in any case; a section from before the list is kept; a rename carries articles along', async () => {
    const world = await addSection('World');
    const id = await createArticle(server, 'Borders', editor);
    const picked = await patch(editor, id, { section: 'world' });
    expect(picked.status).toBe(200);
    expect(((await picked.json()) as { article: ArticleSummary }).article.section).toBe('World');
    const unknown = await patch(editor, id, { section: 'Horoscopes' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_section');

    const renamed = await api(server, server.admin, 'PATCH', `/api/sections/${world.id}`, { name: 'World news' });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { section: Section }).section).toMatchObject({ name: 'World news', articles: 1 });
    const after = (await api(server, editor, 'GET', `/api/articles/${id}`).then((r) => r.json())) as { article: ArticleSummary };
    expect(after.article.section).toBe('World news');

    // Taken off the list: the article keeps it and may keep saving it, but no other article may pick it.
    expect((await api(server, server.admin, 'DELETE', `/api/sections/${world.id}`)).status).toBe(200);
    expect((await patch(editor, id, { section: 'World news', byline: 'Desk' })).status).toBe(200);
    const other = await createArticle(server, 'Elsewhere', editor);
    expect((await patch(editor, other, { section: 'World news' })).status).toBe(400);
    expect((await patch(editor, other, { section: '' })).status).toBe(200);
  });

  // Built on a SQLite file of its own in both passes (no skip): the seed's SQL is the same on
  // PostgreSQL, whose pass runs the migration on every test schema.
  it('are seeded by the migration from what articles used, one per name whatever its case', async () => {
    const tmp = tempDir();
    try {
      const path = `${tmp.dir}/old.db`;
      const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
      expect((await new Migrator({ db: old, provider: migrationProvider('sqlite') }).migrateTo('0005_doc_updates_rowid')).error).toBeUndefined();
      const now = new Date().toISOString();
      let n = 0;
      for (const section of ['World', 'world', 'World', 'Sport', '']) {
        await sql`INSERT INTO articles (id, headline, dek, word_count, created_at, updated_at, status, section, tags, byline, seo_description, slug_locked, status_changed_at)
          VALUES (${`a${++n}`}, '', '', 0, ${now}, ${now}, 'draft', ${section}, '[]', '', '', 0, ${now})`.execute(old);
      }
      await old.destroy();
      const database = await openDatabase({ kind: 'sqlite', path });
      try {
        const sections = await database.db.selectFrom('sections').select(['name']).orderBy('name').execute();
        expect(sections.map((s) => s.name)).toEqual(['Sport', 'World']);
        const kept = await database.db.selectFrom('articles').select('section').where('id', '=', 'a2').executeTakeFirstOrThrow();
        expect(kept.section).toBe('world');
      } finally {
        await database.close();
      }
    } finally {
      tmp.remove();
    }
  });
});

describe('tag history', () => {
  it('folds a run of tag changes by one person into one entry that says which tags', async () => {
    const id = await createArticle(server, 'Tagged', editor);
    await patch(editor, id, { tags: ['flood'] });
    await patch(editor, id, { tags: ['flood', 'rain'] });
    await patch(editor, id, { tags: ['flood', 'rain', 'typo'] });
    await patch(editor, id, { tags: ['flood', 'rain'] });
    await patch(editor, id, { byline: 'Desk' });
    await patch(editor, id, { tags: ['flood', 'rain', 'river'] });
    const res = await api(server, editor, 'GET', `/api/articles/${id}/audit`);
    const { entries } = (await res.json()) as { entries: { action: string; data: Record<string, unknown> }[] };
    expect(entries.map((e) => [e.action, e.data.fields, e.data.added, e.data.changes])).toEqual([
      ['metadata', ['tags'], ['river'], undefined],
      ['metadata', ['byline'], undefined, undefined],
      ['metadata', ['tags'], ['flood', 'rain'], 4],
      ['create', undefined, undefined, undefined],
    ]);
  });
});
