/**
 * Reader pages: with SITE_URL unset, Copydesk serves each published story at its canonical path
 * (escaped, with its metadata), a 301 from a URL the story had before, a noindex preview of the
 * draft for people who may open the article, and a real 404 for every other unknown path while
 * the app's own pages still get the app.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, connectClient, writeStory, createArticle, createPerson, startTestServer, synced, tempDir, waitFor, type Actor, type TestClient, type TestServer } from './helpers.js';
import { startReceiver, type Receiver } from './receiver.js';

let server: TestServer;
let receiver: Receiver | undefined;
const clients: TestClient[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await receiver?.close();
  receiver = undefined;
  await server?.dispose();
  for (const d of dirs.splice(0)) d.remove();
});

/** A built client of one file, so the server has an app shell to serve. */
function fakeClient(): string {
  const t = tempDir();
  dirs.push(t);
  writeFileSync(join(t.dir, 'index.html'), '<!doctype html><title>Copydesk app</title><div id="app"></div>');
  return t.dir;
}

async function write(id: string, actor: Actor, headline: string, paragraphs: string[], dek = '') {
  const c = connectClient(server, id, actor);
  clients.push(c);
  await synced(c);
  await writeStory(server, c, actor, id, { headline, paragraphs, dek });
}

async function move(actor: Actor, id: string, action: string, extra: Record<string, unknown> = {}) {
  const res = await api(server, actor, 'POST', `/api/articles/${id}/transitions`, { action, ...extra });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function published(editor: Actor, headline: string, paragraphs: string[], meta: Record<string, unknown> = {}, dek = '') {
  const id = await createArticle(server, headline, editor);
  await write(id, editor, headline, paragraphs, dek);
  const res = await api(server, editor, 'PATCH', `/api/articles/${id}`, { section: 'City Hall', byline: 'Rosa Díaz', tags: ['budget'], ...meta });
  expect(res.status).toBe(200);
  for (const action of ['submit', 'approve', 'publish']) await move(editor, id, action);
  return id;
}

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

/** The JSON-LD block of a page, parsed. */
function jsonLd(page: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as Record<string, unknown>;
}

describe('reader pages', () => {
  it('serves the published story at its canonical path, with its metadata, and a real 404 elsewhere', async () => {
    server = await startTestServer({ CLIENT_DIST: fakeClient(), SITE_NAME: 'The Ledger' });
    const editor = await createPerson(server, 'editor');
    const id = await published(editor, 'Council passes “historic” budget', ['The vote was 5–4.', 'Zürich’s mayor: «Enfin».'], {}, 'After a long night.');
    const { revisions } = (await (await api(server, editor, 'GET', `/api/articles/${id}/revisions`)).json()) as { revisions: { canonicalUrl: string }[] };
    const url = revisions[0]!.canonicalUrl;
    expect(url).toBe('http://copydesk.test/city-hall/council-passes-historic-budget');

    const res = await get('/city-hall/council-passes-historic-budget');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await res.text();
    expect(page).toContain('<h1>Council passes “historic” budget</h1>');
    expect(page).toContain('<p class="dek">After a long night.</p>');
    expect(page).toContain('By Rosa Díaz');
    expect(page).toContain('<p>Zürich’s mayor: «Enfin».</p>');
    expect(page).toContain(`<link rel="canonical" href="${url}">`);
    expect(page).toContain('<meta property="og:title" content="Council passes “historic” budget">');
    expect(page).toContain('<meta property="og:site_name" content="The Ledger">');
    expect(page).not.toContain('noindex');
    expect(jsonLd(page)).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Council passes “historic” budget',
      description: 'After a long night.',
      author: [{ '@type': 'Person', name: 'Rosa Díaz' }],
      publisher: { name: 'The Ledger' },
      mainEntityOfPage: url,
    });
    const css = await get(page.match(/href="(\/reader\.css\?v=\w+)"/)![1]!);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);

    // Asked for under another section: one place only.
    const other = await get('/sports/council-passes-historic-budget');
    expect(other.status).toBe(301);
    expect(other.headers.get('location')).toBe('/city-hall/council-passes-historic-budget');

    // An update note shows at the end, dated.
    await write(id, editor, 'Council passes “historic” budget', ['The vote was 5–3.', 'Zürich’s mayor: «Enfin».'], 'After a long night.');
    await move(editor, id, 'update', { note: 'An earlier version misstated the vote.' });
    const updated = await (await get('/city-hall/council-passes-historic-budget')).text();
    expect(updated).toContain('The vote was 5–3.');
    expect(updated).toMatch(/Corrections and updates<\/h2><ul><li><time datetime="[^"]+">\d+ \w+ \d{4}<\/time>: An earlier version misstated the vote\.<\/li>/);

    // Unknown paths are 404 with the app's shell (its not-found page); the app's pages are 200.
    for (const path of ['/city-hall/no-such-story', '/nothing', '/a/b/c']) {
      const miss = await get(path);
      expect(miss.status, path).toBe(404);
      expect(await miss.text()).toContain('<div id="app">');
    }
    for (const path of ['/', `/articles/${id}`, '/admin/people', '/admin/webhooks/x', '/login', '/setup']) {
      const app = await get(path);
      expect(app.status, path).toBe(200);
      expect(await app.text(), path).toContain('<div id="app">');
    }

    // Unpublished: gone from the page.
    await move(editor, id, 'unpublish', { note: 'Legal asked us to take it down.' });
    expect((await get('/city-hall/council-passes-historic-budget')).status).toBe(404);
  });

  it('escapes hostile text everywhere, JSON-LD included', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const hostile = '</script><script>alert(1)</script> "><img src=x onerror=alert(2)> <!--';
    const id = await published(editor, `Hostile ${hostile}`, ['Body text.'], { byline: `Eve ${hostile}`, section: 'News', tags: [`tag ${hostile}`.slice(0, 40)], seoDescription: `SEO ${hostile}` }, `Dek ${hostile}`);
    const { article } = (await (await api(server, editor, 'GET', `/api/articles/${id}`)).json()) as { article: { slug: string } };
    const res = await get(`/news/${article.slug}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<!--');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('Hostile &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;');
    const ld = jsonLd(page);
    expect(ld.headline).toBe(`Hostile ${hostile}`);
    expect(ld.description).toBe(`SEO ${hostile}`);
  });

  it('moves a story whose slug or section changed: the old URL answers 301, on the page and the public API, and webhooks carry previousUrls', async () => {
    server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '0,1,1', WEBHOOK_TIMEOUT_SECONDS: '1' });
    receiver = await startReceiver();
    const res = await api(server, server.admin, 'POST', '/api/webhooks', { url: receiver.url, events: ['article.published', 'article.updated'], description: 'Site' });
    const { secret } = (await res.json()) as { secret: string };
    const editor = await createPerson(server, 'editor');
    const id = await published(editor, 'Budget vote tonight', ['Text.']);
    await waitFor(() => receiver!.received.length === 1);
    const first = receiver.verify(secret, receiver.received[0]!) as { data: { revision: { previousUrls: string[] } } };
    expect(first.data.revision.previousUrls).toEqual([]);

    // Changing the slug alone does not move the live story: the update does.
    expect((await api(server, editor, 'PATCH', `/api/articles/${id}`, { slug: 'budget-passes' })).status).toBe(200);
    expect((await get('/city-hall/budget-vote-tonight')).status).toBe(200);
    expect((await get('/api/public/articles/budget-vote-tonight')).status).toBe(200);
    expect((await get('/city-hall/budget-passes')).status).toBe(404);

    await move(editor, id, 'update');
    const old = await get('/city-hall/budget-vote-tonight');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/city-hall/budget-passes');
    expect((await get('/city-hall/budget-passes')).status).toBe(200);
    const oldApi = await get('/api/public/articles/budget-vote-tonight');
    expect(oldApi.status).toBe(301);
    expect(oldApi.headers.get('location')).toBe('/api/public/articles/budget-passes');
    const current = await fetch(new URL(oldApi.headers.get('location')!, server.url));
    expect(((await current.json()) as { article: { slug: string } }).article.slug).toBe('budget-passes');

    await waitFor(() => receiver!.received.length === 2);
    const second = receiver.verify(secret, receiver.received[1]!) as { type: string; data: { revision: { canonicalUrl: string; previousUrls: string[] } } };
    expect(second.type).toBe('article.updated');
    expect(second.data.revision).toMatchObject({
      canonicalUrl: 'http://copydesk.test/city-hall/budget-passes',
      previousUrls: ['http://copydesk.test/city-hall/budget-vote-tonight'],
    });

    // A new section moves it again; every old URL leads to the story.
    expect((await api(server, editor, 'PATCH', `/api/articles/${id}`, { section: 'Politics' })).status).toBe(200);
    await move(editor, id, 'update');
    for (const path of ['/city-hall/budget-vote-tonight', '/city-hall/budget-passes']) {
      const r = await get(path);
      expect(r.status, path).toBe(301);
      expect(r.headers.get('location')).toBe('/politics/budget-passes');
    }
    await waitFor(() => receiver!.received.length === 3);
    const third = receiver.verify(secret, receiver.received[2]!) as { data: { revision: { previousUrls: string[] } } };
    expect(third.data.revision.previousUrls).toEqual(['http://copydesk.test/city-hall/budget-vote-tonight', 'http://copydesk.test/city-hall/budget-passes']);

    // Another story cannot take over an old URL: the slug is taken, and a headline that makes it
    // gets the next free one.
    const other = await createArticle(server, 'Another story', editor);
    const taken = await api(server, editor, 'PATCH', `/api/articles/${other}`, { slug: 'budget-vote-tonight' });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe('slug_taken');
    const third2 = await createArticle(server, 'Budget vote tonight', editor);
    await write(third2, editor, 'Budget vote tonight', ['Again.']);
    await waitFor(async () => {
      const r = await api(server!, editor, 'GET', `/api/articles/${third2}`);
      return ((await r.json()) as { article: { slug: string | null } }).article.slug === 'budget-vote-tonight-2';
    });
  });

  it('previews the current draft to people who may open the article, noindex; others are turned away', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const writer = await createPerson(server, 'writer');
    const id = await createArticle(server, 'Draft story', editor);
    await write(id, editor, 'Draft story', ['Not out yet.'], 'A dek.');

    const signedOut = await get(`/preview/${id}`);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/preview/${id}`)}`);

    const other = await get(`/preview/${id}`, { headers: { cookie: writer.cookie } });
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('Not out yet.');
    expect((await get('/preview/nope-nope-nope', { headers: { cookie: editor.cookie } })).status).toBe(404);

    const res = await get(`/preview/${id}`, { headers: { cookie: editor.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const page = await res.text();
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page).toContain('<h1>Draft story</h1>');
    expect(page).toContain('<p>Not out yet.</p>');
    expect(page).toContain('Not published yet');
    // Not published: nothing at its would-be path.
    expect((await get('/draft-story')).status).toBe(404);
  });

  it('lets the app win over the path pattern, and serves no reader pages when the site is elsewhere', async () => {
    server = await startTestServer({ CLIENT_DIST: fakeClient() });
    const editor = await createPerson(server, 'editor');
    await published(editor, 'People', ['A story about people.'], { section: 'Admin' });
    const app = await get('/admin/people');
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<div id="app">');
    await server.dispose();

    server = await startTestServer({ SITE_URL: 'https://news.example' });
    const editor2 = await createPerson(server, 'editor');
    await published(editor2, 'Elsewhere', ['Text.'], { section: 'City' });
    expect((await get('/city/elsewhere')).status).toBe(404);
    expect((await get('/api/public/articles/elsewhere')).status).toBe(200);
  });
});
