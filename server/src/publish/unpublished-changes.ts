/**
 * "Unpublished changes": whether a published article's live document (and details) differ from
 * what its latest revision froze. Checked by hash, as publishing computes it (content.ts), a
 * moment after a stretch of edits or a change of details (once per `delayMs` per article, never
 * per keystroke: it renders the body), stored on the article and told to the desk and open
 * editors when it flips. Also what "Publish update" shows: the live revision against the draft.
 */
import { readMeta, type Comparison } from '@copydesk/shared';
import type { ArticleRepo } from '../articles/repo.js';
import type { Comparisons } from '../articles/comparisons.js';
import type { Workflow } from '../articles/workflow.js';
import type { Collab } from '../collab/collab.js';
import { guarded, type Logger } from '../logger.js';
import { liveHash } from './content.js';
import { renderDoc } from './render.js';
import { revisionBody } from './revision-text.js';
import type { Revision, Revisions } from './revisions.js';

/** A detail outside the text that differs between the revision and the draft. */
export interface DetailChange {
  field: 'slug' | 'byline' | 'section' | 'tags' | 'seoDescription';
  before: string;
  after: string;
}

export interface LiveComparison extends Comparison {
  details: DetailChange[];
}

export class UnpublishedChanges {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: {
      articles: ArticleRepo;
      revisions: Revisions;
      collab: Collab;
      comparisons: Comparisons;
      workflow: Pick<Workflow, 'announce'>;
      log: Logger;
      delayMs?: number;
    },
  ) {}

  /** The article's document or details changed: check once, a moment after the last of a stretch. */
  changed(articleId: string): void {
    if (this.timers.has(articleId)) return;
    const timer = setTimeout(
      guarded(this.deps.log, { articleId, task: 'unpublished changes' }, () => {
        this.timers.delete(articleId);
        return this.check(articleId);
      }),
      this.deps.delayMs ?? 1000,
    );
    timer.unref();
    this.timers.set(articleId, timer);
  }

  /** Compares the live article with its latest revision now; tells everyone when that flips. */
  async check(articleId: string): Promise<void> {
    const { articles, revisions, collab, workflow } = this.deps;
    const row = await articles.row(articleId);
    if (row?.status !== 'published') return;
    const latest = await revisions.latest(articleId);
    if (!latest) return;
    const hash = await collab.withDoc(articleId, (doc) => liveHash(doc, row));
    if (await articles.setUnpublishedChanges(articleId, hash !== latest.content_hash)) await workflow.announce(articleId);
  }

  /** What changed from revision `from` (the latest when undefined) to the live draft. */
  async compare(articleId: string, from: Revision): Promise<LiveComparison> {
    const { articles, collab, comparisons } = this.deps;
    const live = await collab.withDoc(articleId, (doc) => ({ ...readMeta(doc), json: renderDoc(doc).json }));
    const row = (await articles.get(articleId))!;
    const comparison = await comparisons.compare(
      { headline: from.headline, dek: from.dek, body: revisionBody(from) },
      { headline: live.headline, dek: live.dek, body: revisionBody(live) },
    );
    const pairs: [DetailChange['field'], string, string][] = [
      ['slug', from.slug, row.slug ?? ''],
      ['byline', from.byline, row.byline],
      ['section', from.section, row.section],
      ['tags', from.tags.join(', '), row.tags.join(', ')],
      ['seoDescription', from.seoDescription, row.seoDescription],
    ];
    const details = pairs.filter(([, before, after]) => before !== after).map(([field, before, after]) => ({ field, before, after }));
    return { ...comparison, changed: comparison.changed || details.length > 0, details };
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
