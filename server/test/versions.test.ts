/**
 * Versions under hostile or careless use: who may save one and how often, a restore while
 * someone types, a restore that fails, and a comparison too large to compute word by word.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BLOCK_MARK, LINK_CLOSE, LINK_HREF, LINK_OPEN, bodyOf, type PMNode } from '@copydesk/shared';
import { api, connectClient, createArticle, createPerson, paragraph, startTestServer, synced, waitFor, type Actor, type TestClient, type TestServer, typeInFirstParagraph } from './helpers.js';

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


/** Replaces the body with these paragraphs. */
function fill(doc: Y.Doc, paragraphs: string[]): void {
  doc.transact(() => {
    const body = bodyOf(doc);
    body.delete(0, body.length);
    body.insert(
      0,
      paragraphs.map((text) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(text)]);
        return p;
      }),
    );
  });
}

/** `count` paragraphs of `per` words that no other seed repeats. */
function paragraphs(count: number, per: number, seed: string): string[] {
  return Array.from({ length: count }, (_, p) => Array.from({ length: per }, (_, w) => `${seed}${p}x${w}`).join(' '));
}

function textOf(node: PMNode): string {
  return (node.text ?? '') + (node.content ?? []).map(textOf).join(' ');
}

async function saveVersion(id: string, actor: Actor, name: string) {
  const res = await api(server, actor, 'POST', `/api/articles/${id}/versions`, { name });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { n?: number; error?: { code: string } } };
}

describe('saving a version', () => {
  it('needs the right to edit the article now', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Mine', writer);
    expect((await saveVersion(id, writer, 'draft')).status).toBe(201);

    const submit = await api(server, writer, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    expect(submit.status).toBe(200);
    const refused = await saveVersion(id, writer, 'after submitting');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('forbidden');
    expect((await saveVersion(id, editor, 'in review')).status).toBe(201);

    const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { name: string }[] };
    expect(list.versions.map((v) => v.name)).not.toContain('after submitting');
  });

  it('is limited per article per minute, with Retry-After; the server’s own versions are not', async () => {
    server = await startTestServer({ MAX_VERSIONS_PER_MINUTE: '2' });
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Busy', editor);
    expect((await saveVersion(id, editor, 'one')).status).toBe(201);
    expect((await saveVersion(id, editor, 'two')).status).toBe(201);
    const third = await saveVersion(id, editor, 'three');
    expect(third.status).toBe(429);
    expect(third.body.error?.code).toBe('rate_limited');
    expect(Number(third.retryAfter)).toBeGreaterThan(0);
    expect(Number(third.retryAfter)).toBeLessThanOrEqual(60);

    // Another article has its own allowance; a restore takes two versions of it.
    const other = await createArticle(server, 'Quiet', editor);
    expect((await saveVersion(other, editor, 'one')).status).toBe(201);
    const restore = await api(server, editor, 'POST', `/api/articles/${other}/versions/1/restore`);
    expect(restore.status).toBe(429);
    expect(((await restore.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    // A transition still takes its version.
    const submit = await api(server, editor, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    expect(submit.status).toBe(200);
    const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { kind: string; name: string }[] };
    expect(list.versions.map((v) => v.kind)).toEqual(['transition', 'named', 'named']);
  });
});

describe('restoring while someone types', () => {
  it('keeps every word: in the version saved before the restore, or on top of the restored text', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Ferry times', writer);
    const typist = client(id, writer);
    const observer = client(id, editor);
    await Promise.all([synced(typist), synced(observer)]);
    typeInFirstParagraph(typist.doc, 'Boats leave every hour.');
    await waitFor(() => bodyOf(observer.doc).toString().includes('every hour'));
    const base = await saveVersion(id, editor, 'Base');
    expect(base.status).toBe(201);

    // Tokens that are no prefix of one another ("k1q" is not in "k12q").
    const typed: string[] = [];
    const timer = setInterval(() => {
      const token = `k${typed.length}q`;
      typed.push(token);
      typeInFirstParagraph(typist.doc, ` ${token}`);
    }, 2);
    try {
      await waitFor(() => typed.length >= 30);
      const restore = await api(server, editor, 'POST', `/api/articles/${id}/versions/${base.body.n}/restore`);
      expect(restore.status).toBe(200);
      const { n, before } = (await restore.json()) as { n: number; before: number };
      expect(before).toBe(n - 1);
      const atRestore = typed.length;
      await waitFor(() => typed.length >= atRestore + 30);
      clearInterval(timer);

      const live = () => bodyOf(observer.doc).toString();
      await waitFor(() => typed.slice(atRestore).every((t) => live().includes(t)), { message: 'words typed after the restore did not all arrive' });
      const saved = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions/${before}`)).json()) as { body: PMNode };
      const kept = textOf(saved.body);
      const missing = typed.filter((t) => !kept.includes(t) && !live().includes(t));
      expect(missing).toEqual([]);
      // It did restore: what the saved version holds is gone from the text now.
      expect(kept).toContain('k0q');
      expect(live()).not.toContain('k0q');
      expect(live()).toContain('Boats leave every hour.');
      const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { n: number; name: string; kind: string }[] };
      expect(list.versions.slice(0, 2).map((v) => [v.n, v.kind, v.name])).toEqual([
        [n, 'restore', `Restored version ${base.body.n}`],
        [before, 'named', `Before restoring version ${base.body.n}`],
      ]);
    } finally {
      clearInterval(timer);
    }
  });
});

describe('a restore that fails', () => {
  it('answers 500 restore_failed and logs why; an unknown version is a 404', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Fragile', editor);
    expect((await saveVersion(id, editor, 'one')).status).toBe(201);
    expect((await api(server, editor, 'POST', `/api/articles/${id}/versions/99/restore`)).status).toBe(404);

    const cause = new Error('disk full');
    vi.spyOn(server.ctx.versions, 'restore').mockRejectedValueOnce(cause);
    const logged = vi.spyOn(server.ctx.log, 'error');
    const res = await api(server, editor, 'POST', `/api/articles/${id}/versions/1/restore`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('restore_failed');
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: cause, articleId: id, n: 1 }), 'restore failed');
  });
});

describe('comparing versions with many changes', () => {
  it('keeps answering other requests while it compares, and answers by paragraph', { timeout: 120_000 }, async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Ferry times', editor);
    const writer = client(id, editor);
    const observer = client(id, server.admin);
    await Promise.all([synced(writer), synced(observer)]);
    const saveWhenSeen = async (text: string[], name: string) => {
      fill(writer.doc, text);
      await waitFor(() => bodyOf(observer.doc).toString().includes(text.at(-1)!));
      const saved = await saveVersion(id, editor, name);
      expect(saved.status).toBe(201);
      return saved.body.n!;
    };
    // 4,000 words each, no word in common.
    const before = paragraphs(40, 100, 'old');
    const after = paragraphs(40, 100, 'new');
    const from = await saveWhenSeen(before, 'Before');
    const to = await saveWhenSeen(after, 'After');

    let comparing = true;
    const comparison = api(server, editor, 'GET', `/api/articles/${id}/compare?from=${from}&to=${to}`).finally(() => (comparing = false));
    let answeredMeanwhile = 0;
    const health: number[] = [];
    while (comparing) {
      const res = await fetch(`${server.url}/healthz`);
      health.push(res.status);
      if (comparing) answeredMeanwhile++;
    }
    const res = await comparison;
    expect(res.status).toBe(200);
    expect(health.every((status) => status === 200)).toBe(true);
    // On the event loop, the server (in this process) answered nothing until the diff was done.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(5);

    const body = (await res.json()) as { body: { value: string; added?: boolean; removed?: boolean }[]; changed: boolean; coarse: boolean };
    expect(body.changed).toBe(true);
    expect(body.coarse).toBe(true);
    expect(body.body.filter((p) => p.removed).map((p) => p.value)).toEqual([before.join('\n\n')]);
    expect(body.body.filter((p) => p.added).map((p) => p.value)).toEqual([after.join('\n\n')]);
  });
});

describe('changes since submitted, after a resubmission', () => {
  async function move(actor: Actor, id: string, action: string, note?: string): Promise<void> {
    const res = await api(server, actor, 'POST', `/api/articles/${id}/transitions`, { action, note });
    expect(res.status).toBe(200);
  }

  async function sinceSubmitted(id: string, actor: Actor) {
    const list = (await (await api(server, actor, 'GET', `/api/articles/${id}/versions`)).json()) as { sinceSubmitted: number | null };
    const res = await api(server, actor, 'GET', `/api/articles/${id}/compare?from=${list.sinceSubmitted}&to=current`);
    expect(res.status).toBe(200);
    const c = (await res.json()) as { body: { value: string; added?: boolean; removed?: boolean }[] };
    return {
      n: list.sinceSubmitted,
      added: c.body.filter((p) => p.added).map((p) => p.value.trim()),
      removed: c.body.filter((p) => p.removed).map((p) => p.value.trim()),
    };
  }

  it('compares with the text as it was sent back, so the editor sees exactly what the writer changed in answer', async () => {
    server = await startTestServer();
    const writer = await createPerson(server, 'writer');
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Harbour', writer);
    const w = client(id, writer);
    const e = client(id, editor);
    await Promise.all([synced(w), synced(e)]);
    fill(w.doc, ['The ferry leaves at nine.', 'Tickets cost four euros.']);
    await waitFor(() => bodyOf(e.doc).toString().includes('four euros'));

    const before = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { sinceSubmitted: number | null };
    expect(before.sinceSubmitted).toBeNull();
    await move(writer, id, 'submit');
    // The editor fixes a word during the review, then sends the story back.
    typeInFirstParagraph(e.doc, ' Daily.');
    await waitFor(async () => (await sinceSubmitted(id, editor)).added.includes('Daily.'));
    await move(editor, id, 'request_changes', 'Say when the last ferry leaves.');

    // The writer answers and resubmits.
    await waitFor(() => bodyOf(w.doc).toString().includes('Daily.'));
    w.doc.transact(() => bodyOf(w.doc).push([paragraph('The last ferry leaves at midnight.')]));
    await waitFor(async () => (await sinceSubmitted(id, editor)).added.includes('The last ferry leaves at midnight.'));
    await move(writer, id, 'submit');

    const after = await sinceSubmitted(id, editor);
    expect(after.added).toEqual(['The last ferry leaves at midnight.']);
    expect(after.removed).toEqual([]);
    const list = (await (await api(server, editor, 'GET', `/api/articles/${id}/versions`)).json()) as { versions: { n: number; action: string | null }[] };
    expect(list.versions.find((v) => v.n === after.n)?.action).toBe('request_changes');
  });
});

describe('comparing structure', () => {
  it('keeps heading levels and link targets in the comparison, so changing them is a change', async () => {
    server = await startTestServer();
    const editor = await createPerson(server, 'editor');
    const id = await createArticle(server, 'Structure', editor);
    const e = client(id, editor);
    await synced(e);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2 as unknown as string);
    heading.insert(0, [new Y.XmlText('Timetable')]);
    const link = new Y.XmlText();
    link.insert(0, 'See the map.');
    link.format(8, 3, { link: { href: 'https://a.example/map' } });
    const linked = new Y.XmlElement('paragraph');
    linked.insert(0, [link]);
    e.doc.transact(() => bodyOf(e.doc).insert(0, [heading, linked]));
    const saved = await saveVersion(id, editor, 'before');
    expect(saved.status).toBe(201);

    e.doc.transact(() => {
      heading.setAttribute('level', 3 as unknown as string);
      link.format(8, 3, { link: { href: 'https://b.example/map' } });
    });
    const c = (await waitFor(async () => {
      const res = (await (await api(server, editor, 'GET', `/api/articles/${id}/compare?from=${saved.body.n}&to=current`)).json()) as { body: { value: string; added?: boolean; removed?: boolean }[] };
      return res.body.some((p) => p.added) ? res : undefined;
    }))!;
    const side = (keep: (p: { added?: boolean; removed?: boolean }) => boolean) => c.body.filter(keep).map((p) => p.value).join('');
    expect(side((p) => !p.added)).toBe(`${BLOCK_MARK.h2}Timetable\n\nSee the ${LINK_OPEN}map${LINK_HREF}https://a.example/map${LINK_CLOSE}.`);
    expect(side((p) => !p.removed)).toBe(`${BLOCK_MARK.h3}Timetable\n\nSee the ${LINK_OPEN}map${LINK_HREF}https://b.example/map${LINK_CLOSE}.`);
  });
});
