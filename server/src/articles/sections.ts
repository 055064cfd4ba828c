/**
 * The newsroom's sections, kept by admins so "world" and "World" are one: the list people pick
 * from, the check an article's section passes, and renames that carry the articles along.
 * An article names its section by its exact spelling; a section removed from the list stays on
 * the articles filed under it.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SECTIONS_MAX, sectionKey, type Section } from '@copydesk/shared';
import { nowIso } from '../db/database.js';
import type { DB } from '../db/schema.js';

/** Another section has that name, in any case. */
export class SectionTakenError extends Error {
  override name = 'SectionTakenError';
}

/** The list is full (SECTIONS_MAX). */
export class SectionsFullError extends Error {
  override name = 'SectionsFullError';
}

/** An article was given a section that is not on the list. */
export class UnknownSectionError extends Error {
  override name = 'UnknownSectionError';
}

export class Sections {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every section, by name, with how many articles are filed under it. */
  async list(): Promise<Section[]> {
    const [rows, used] = await Promise.all([
      this.db.selectFrom('sections').select(['id', 'name']).execute(),
      this.db
        .selectFrom('articles')
        .select(['section', (eb) => eb.fn.countAll<number>().as('n')])
        .where('section', '!=', '')
        .groupBy('section')
        .execute(),
    ]);
    const counts = new Map<string, number>();
    for (const u of used) counts.set(sectionKey(u.section), (counts.get(sectionKey(u.section)) ?? 0) + Number(u.n));
    return rows
      .map((r) => ({ id: r.id, name: r.name, articles: counts.get(sectionKey(r.name)) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  }

  async get(id: string): Promise<Section | undefined> {
    return (await this.list()).find((s) => s.id === id);
  }

  async create(name: string): Promise<Section> {
    const id = randomBytes(12).toString('base64url');
    await this.db.transaction().execute(async (trx) => {
      const count = await trx.selectFrom('sections').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(count.n) >= SECTIONS_MAX) throw new SectionsFullError();
      if (await trx.selectFrom('sections').select('id').where('name_key', '=', sectionKey(name)).executeTakeFirst()) throw new SectionTakenError();
      await trx.insertInto('sections').values({ id, name, name_key: sectionKey(name), created_at: nowIso() }).execute();
    });
    return (await this.get(id))!;
  }

  /**
   * Renames a section; the articles filed under it (in any spelling) follow. Returns the ids of
   * the articles that moved (their desks are told), or undefined when there is no such section.
   */
  async rename(id: string, name: string): Promise<string[] | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('sections').select(['name', 'name_key']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const key = sectionKey(name);
      if (key !== row.name_key && (await trx.selectFrom('sections').select('id').where('name_key', '=', key).executeTakeFirst())) {
        throw new SectionTakenError();
      }
      await trx.updateTable('sections').set({ name, name_key: key }).where('id', '=', id).execute();
      // Case-insensitive in JS, the same on both databases and for every script.
      const used = await trx.selectFrom('articles').select(['id', 'section']).where('section', '!=', '').where('section', '!=', name).execute();
      const moved = used.filter((a) => sectionKey(a.section) === row.name_key).map((a) => a.id);
      for (let i = 0; i < moved.length; i += 500) {
        await trx.updateTable('articles').set({ section: name }).where('id', 'in', moved.slice(i, i + 500)).execute();
      }
      return moved;
    });
  }

  /** Takes a section off the list; articles keep it. False when there was none. */
  async remove(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('sections').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /**
   * The section an article may be given for `name`: the list's spelling of it, '' for none, or
   * `current` when it is the article's section already (kept from before the list, or removed
   * from it since). Anything else is refused, once the newsroom has a list: until an admin adds
   * the first section (a new install), any name is taken as typed.
   */
  async resolve(name: string, current: string): Promise<string> {
    if (name === '' || name === current) return name;
    const row = await this.db.selectFrom('sections').select('name').where('name_key', '=', sectionKey(name)).executeTakeFirst();
    if (row) return row.name;
    if (await this.db.selectFrom('sections').select('id').limit(1).executeTakeFirst()) throw new UnknownSectionError();
    return name;
  }
}
