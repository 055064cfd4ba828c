import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, bodyOf, headlineOf } from '@copydesk/shared';
import { api, connectClient, createArticle, createPerson, startTestServer, synced, waitFor, type Actor, type TestClient, type TestServer, typeInFirstParagraph } from './helpers.js';

let server: TestServer;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.dispose();
});

function client(id: string, actor: Actor): TestClient {
  const c = connectClient(server, id, actor);
  clients.push(c);
  return c;
}

async function move(actor: Actor, id: string, action: string, extra: Record<string, unknown> = {}) {
  const res = await api(server, actor, 'POST', `/api/articles/${id}/transitions`, { action, ...extra });
  return { status: res.status, body: (await res.json()) as { article?: { status: string }; permissions?: { actions: string[]; canEdit: boolean }; error?: { code: string } } };
}

function text(doc: Y.Doc): string {
  return bodyOf(doc).toString();
}


describe('transitions over REST', () => {
  it('walks draft → review → changes requested → review → approved → scheduled, with clear refusals', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Budget', writer);
    // Scheduling checks what publishing will: the story needs text.
    const w = client(id, writer);
    await synced(w);
    typeInFirstParagraph(w.doc, 'The council voted.');
    await waitFor(async () => ((await (await api(server, writer, 'GET', `/api/articles/${id}`)).json()) as { article: { wordCount: number } }).article.wordCount > 0);

    expect((await move(writer, id, 'approve')).body.error?.code).toBe('role_cannot');
    const submitted = await move(writer, id, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.article?.status).toBe('in_review');
    expect(submitted.body.permissions).toMatchObject({ canEdit: false, actions: ['reopen'] });

    expect((await move(writer, id, 'submit')).status).toBe(409);
    const noNote = await move(editor, id, 'request_changes');
    expect(noNote).toMatchObject({ status: 400, body: { error: { code: 'note_required' } } });
    expect((await move(editor, id, 'request_changes', { note: 'Add the vote count.' })).body.article?.status).toBe('draft');

    const seen = (await (await api(server, writer, 'GET', `/api/articles/${id}`)).json()) as { changeRequest: { note: string } | null; permissions: { canEdit: boolean } };
    expect(seen.changeRequest?.note).toBe('Add the vote count.');
    expect(seen.permissions.canEdit).toBe(true);

    await move(writer, id, 'submit');
    expect((await move(editor, id, 'approve')).body.article?.status).toBe('approved');
    const past = await move(editor, id, 'schedule', { publishAt: '2001-01-01T00:00:00Z' });
    expect(past.body.error?.code).toBe('publish_time_required');
    const later = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await move(editor, id, 'schedule', { publishAt: later });
    expect(scheduled.body.article?.status).toBe('scheduled');

    const audit = (await (await api(server, editor, 'GET', `/api/articles/${id}/audit`)).json()) as { entries: { action: string; from: string | null; to: string | null; note: string | null; actor: { id: string } | null }[] };
    expect(audit.entries.map((e) => e.action)).toEqual(['schedule', 'approve', 'submit', 'request_changes', 'submit', 'create']);
    expect(audit.entries[3]).toMatchObject({ from: 'in_review', to: 'draft', note: 'Add the vote count.', actor: { id: editor.user.id } });

    const versions = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { action: string }[]; sinceSubmitted: number; sinceApproved: number };
    expect(versions.versions.map((v) => v.action)).toEqual(['schedule', 'approve', 'submit', 'request_changes', 'submit']);
    // Resubmitted after a change request: "since submitted" compares with the text as it was sent back.
    expect(versions.sinceSubmitted).toBe(2);
    expect(versions.sinceApproved).toBe(4);
  });

  it('refuses an unknown action and a body that is not JSON', async () => {
    server = await startTestServer();
    const id = await createArticle(server, 'x');
    expect((await move(server.admin, id, 'teleport')).status).toBe(400);
    const res = await fetch(`${server.url}/api/articles/${id}/transitions`, {
      method: 'POST',
      headers: { origin: server.origin, cookie: server.admin.cookie, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
  });
});

describe('editing rights follow the state live', () => {
  it('refuses a writer’s updates once submitted, and accepts them again after changes are requested', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Live lock', writer);
    const w = client(id, writer);
    const e = client(id, editor);
    await Promise.all([synced(w), synced(e)]);

    typeInFirstParagraph(w.doc, 'Before. ');
    await waitFor(() => text(e.doc).includes('Before.'));

    await move(writer, id, 'submit');
    typeInFirstParagraph(w.doc, 'While locked. ');
    // Same socket, same order: once the editor sees this awareness change, the server has
    // already handled (and refused) the edit sent before it.
    w.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => e.provider.awareness.getStates().get(w.doc.clientID)?.marker === 1);
    expect(text(e.doc)).not.toContain('While locked.');

    // The editor may still edit while the article is in review.
    headlineOf(e.doc).insert(0, 'Edited: ');
    await waitFor(() => headlineOf(w.doc).toString().startsWith('Edited: '));

    await move(editor, id, 'request_changes', { note: 'More detail' });
    await waitFor(() => w.closes.some((c) => c.code === CloseCode.resync));
    await synced(w);
    typeInFirstParagraph(w.doc, 'After.');
    await waitFor(() => text(e.doc).includes('After.'));
    expect(text(e.doc)).toContain('Before.');
  });

  it('lets a writer who reopens the story read-only, with her own copy, edit on the same socket once it is sent back', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Opened in review', writer);
    // She drafts (with a deletion), closes the article and submits it.
    const draft = client(id, writer);
    await synced(draft);
    typeInFirstParagraph(draft.doc, 'Draft with a typo typo.');
    const t = (bodyOf(draft.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.delete(t.toString().indexOf(' typo.'), 5);
    const e = client(id, editor);
    await synced(e);
    await waitFor(() => text(e.doc) === text(draft.doc));
    const copy = draft.doc;
    draft.provider.destroy();
    await move(writer, id, 'submit');

    // Reopened from her device copy: its answer to the sync request carries her delete set,
    // nothing the server lacks. It is not an edit to refuse, so nothing needs a resync later.
    const w = connectClient(server, id, writer, copy);
    clients.push(w);
    await synced(w);
    await move(editor, id, 'request_changes', { note: 'Add a quote' });
    await waitFor(async () => {
      typeInFirstParagraph(w.doc, '!');
      return text(e.doc).includes('!');
    });
    expect(w.closes).toEqual([]);
    expect(text(e.doc)).toContain('Draft with a typo');
  });
});

describe('versions', () => {
  it('restores an old version as a new change, keeping the history, and compares versions', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Original headline', editor);
    const a = client(id, editor);
    await synced(a);
    typeInFirstParagraph(a.doc, 'The first draft says one thing.');
    await waitFor(async () => {
      const res = await api(server, editor, 'POST', `/api/articles/${id}/versions`, { name: 'First draft' });
      return res.status === 201;
    });
    const list1 = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { n: number; name: string }[] };
    const first = list1.versions.find((v) => v.name === 'First draft')!;
    expect(first).toBeDefined();
    const preview = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions/${first.n}`)).json()) as { headline: string; body: { content: unknown[] } };
    expect(preview.headline).toBe('Original headline');

    const t = (bodyOf(a.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.delete(0, t.length);
    t.insert(0, 'The second draft says another.');
    headlineOf(a.doc).delete(0, 8);
    headlineOf(a.doc).insert(0, 'Changed');
    const observer = client(id, server.admin);
    await synced(observer);
    await waitFor(() => text(observer.doc).includes('second draft'));

    const cmp = (await (await api(server, editor, 'GET', `/api/articles/${id}/compare?from=${first.n}&to=current`)).json()) as {
      body: { value: string; added?: boolean; removed?: boolean }[];
      headline: { value: string; added?: boolean; removed?: boolean }[];
      changed: boolean;
    };
    expect(cmp.changed).toBe(true);
    expect(cmp.body.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(expect.arrayContaining(['first', 'one thing']));
    expect(cmp.body.filter((p) => p.added).map((p) => p.value.trim())).toEqual(expect.arrayContaining(['second', 'another']));
    expect(cmp.headline.some((p) => p.added && p.value === 'Changed')).toBe(true);

    const restore = await api(server, editor, 'POST', `/api/articles/${id}/versions/${first.n}/restore`);
    expect(restore.status).toBe(200);
    await waitFor(() => text(observer.doc).includes('first draft') && text(a.doc).includes('first draft'));
    expect(text(a.doc)).not.toContain('second draft');
    expect(headlineOf(observer.doc).toString()).toBe('Original headline');

    const list2 = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { n: number; kind: string }[] };
    // The text it replaced, then the restored text.
    expect(list2.versions.length).toBe(list1.versions.length + 2);
    expect(list2.versions.slice(0, 2).map((v) => v.kind)).toEqual(['restore', 'named']);
    const audit = (await (await api(server, editor, 'GET', `/api/articles/${id}/audit`)).json()) as { entries: { action: string }[] };
    expect(audit.entries[0]!.action).toBe('restore');
  });

  it('lets only editors restore', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const id = await createArticle(server, 'Mine', writer);
    await api(server, writer, 'POST', `/api/articles/${id}/versions`, { name: 'v' });
    expect((await api(server, writer, 'POST', `/api/articles/${id}/versions/1/restore`)).status).toBe(403);
  });
});

describe('concurrent saves', () => {
  it('numbers versions saved at the same moment one after another, none lost', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Busy', editor);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => api(server, editor, 'POST', `/api/articles/${id}/versions`, { name: `v${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const ns = await Promise.all(results.map(async (r) => ((await r.json()) as { n: number }).n));
    expect(new Set(ns).size).toBe(6);
  });
});
