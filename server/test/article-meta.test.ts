/**
 * The article row follows its live document: headline, dek and word count, with the slug
 * following the headline until it is set by hand. On SQLite an edit that leaves the headline
 * alone takes a prepared statement; both paths must leave the same row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ArticleRepo } from '../src/articles/repo.js';
import type { Database } from '../src/db/database.js';
import { createTestDatabase, type TestDatabase } from './helpers.js';

let database: TestDatabase | undefined;
let opened: Database | undefined;

afterEach(async () => {
  await opened?.close();
  await database?.remove();
  opened = database = undefined;
});

async function repo(): Promise<ArticleRepo> {
  database = await createTestDatabase();
  opened = await database.open();
  return new ArticleRepo(opened.db, opened.sqlite);
}

const row = (id: string) => opened!.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('article metadata from the document', () => {
  it('moves the slug with the headline, and keeps it when only the body changes', async () => {
    const articles = await repo();
    const { id } = await articles.create({}, null);
    await articles.updateMeta(id, { headline: 'Flood warning', dek: '', wordCount: 0 });
    expect(await row(id)).toMatchObject({ headline: 'Flood warning', slug: 'flood-warning', word_count: 0 });
    const before = (await row(id)).updated_at;
    await new Promise((r) => setTimeout(r, 5));

    await articles.updateMeta(id, { headline: 'Flood warning', dek: 'Rivers rise', wordCount: 42 });
    const after = await row(id);
    expect(after).toMatchObject({ headline: 'Flood warning', dek: 'Rivers rise', slug: 'flood-warning', word_count: 42 });
    expect(after.updated_at > before).toBe(true);

    await articles.updateMeta(id, { headline: 'Flood warning lifted', dek: 'Rivers rise', wordCount: 43 });
    expect(await row(id)).toMatchObject({ headline: 'Flood warning lifted', slug: 'flood-warning-lifted', word_count: 43 });
  });

  it('does not write into a transaction left open across an await (it could still roll back)', async () => {
    const articles = await repo();
    const { id } = await articles.create({ headline: 'Budget' }, null);
    let release!: () => void;
    let begun!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = new Promise<void>((r) => (begun = r));
    const rolledBack = opened!.db.transaction().execute(async (trx) => {
      await trx.updateTable('articles').set({ section: 'x' }).where('id', '=', id).execute();
      begun();
      await gate;
      throw new Error('roll back');
    });
    await inside;
    const saved = articles.updateMeta(id, { headline: 'Budget', dek: '', wordCount: 7 });
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(rolledBack).rejects.toThrow('roll back');
    await saved;
    expect(await row(id)).toMatchObject({ word_count: 7, section: '' });
  });
});
