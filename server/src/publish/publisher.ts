/**
 * Publishing, as a hook on the workflow: `publish` and `update` freeze an immutable revision of
 * the rendered article; `publish`, `update` and `unpublish` put a webhook event in the outbox —
 * all in the transition's own transaction, so a revision and its events exist together or not
 * at all. An `update` whose content is identical to the live revision changes nothing (two tabs
 * publishing the same text make one revision and one event).
 */
import { articlePath } from '@copydesk/shared';
import type { Kysely } from 'kysely';
import { nowIso } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { Config } from '../env.js';
import type { Collab } from '../collab/collab.js';
import type { ArticleRepo } from '../articles/repo.js';
import type { TransitionContext, TransitionHook } from '../articles/workflow.js';
import type { Deliveries } from '../webhooks/deliveries.js';
import type { DeliveryWorker } from '../webhooks/worker.js';
import { assertPublishable, frozenFields, publishableText, type PublishableText } from './content.js';
import { contentHash, renderDoc, type RenderedBody } from './render.js';
import type { PreviousUrls } from './previous-urls.js';
import { toRevision, type Revisions } from './revisions.js';

interface Prepared extends PublishableText {
  body: RenderedBody;
}

export function canonicalUrl(config: Pick<Config, 'siteUrl' | 'articlePathPattern'>, a: { slug: string; section: string; id: string }): string {
  return `${config.siteUrl}${articlePath(config.articlePathPattern, a)}`;
}

export function publisher(deps: {
  config: Config;
  collab: Collab;
  articles: ArticleRepo;
  revisions: Revisions;
  previousUrls: PreviousUrls;
  deliveries: Deliveries;
  /** Woken after a transition put events in the outbox. */
  worker: Pick<DeliveryWorker, 'wake'>;
}): TransitionHook<Prepared | undefined> {
  const { config, collab, articles, revisions, previousUrls, deliveries } = deps;
  return {
    async prepare(ctx: TransitionContext) {
      // Scheduling checks what publishing will: a schedule is a promise the story can go out.
      if (ctx.action !== 'publish' && ctx.action !== 'update' && ctx.action !== 'schedule') return undefined;
      const scheduling = ctx.action === 'schedule';
      const { body, ...text } = await collab.withDoc(ctx.articleId, (doc) => ({
        ...publishableText(doc),
        body: scheduling ? undefined : renderDoc(doc),
      }));
      // The transition saved the row from the live document just before: its slug is current.
      assertPublishable(text, (await articles.row(ctx.articleId))?.slug ?? null);
      return body ? { ...text, body } : undefined;
    },

    async commit(trx: Kysely<DB>, ctx: TransitionContext, prepared: Prepared | undefined) {
      const article = (await articles.row(ctx.articleId, trx))!;
      if (ctx.action === 'unpublish') {
        const latest = await revisions.latest(ctx.articleId, trx);
        await deliveries.enqueue(trx, 'article.unpublished', ctx.articleId, {
          articleId: ctx.articleId,
          slug: article.slug,
          canonicalUrl: latest?.canonical_url ?? null,
          previousUrls: await previousUrls.of(ctx.articleId, latest?.canonical_url ?? null, trx),
          unpublishedAt: nowIso(),
          reason: ctx.note ?? null,
        });
        return;
      }
      if (!prepared) return;
      // Checked again in the transaction: the slug may have been cleared since prepare.
      assertPublishable(prepared, article.slug);
      const slug = article.slug!;
      const fields = frozenFields(prepared, article, slug);
      const { tags } = fields;
      const hash = contentHash(fields);
      const latest = await revisions.latest(ctx.articleId, trx);
      if (ctx.action === 'update' && latest?.content_hash === hash && !ctx.note) return;
      const now = nowIso();
      const number = Number(latest?.number ?? 0) + 1;
      const republish = ctx.action === 'publish' && latest !== undefined;
      const url = canonicalUrl(config, { slug, section: article.section, id: ctx.articleId });
      // A new slug or section moves the story: the old URL is kept, to redirect from.
      if (latest && latest.canonical_url !== url) {
        await previousUrls.record(trx, ctx.articleId, { slug: latest.slug, section: latest.section, url: latest.canonical_url });
      }
      const row = {
        article_id: ctx.articleId,
        number,
        kind: ctx.action === 'update' ? ('update' as const) : ('publish' as const),
        headline: fields.headline,
        dek: fields.dek,
        slug,
        canonical_url: url,
        byline: fields.byline,
        section: fields.section,
        tags: JSON.stringify(tags),
        seo_description: fields.seoDescription,
        html: fields.html,
        json: JSON.stringify(prepared.body.json),
        content_hash: hash,
        correction: ctx.action === 'update' ? (ctx.note ?? null) : null,
        // The original publication time stays; updated_at moves.
        published_at: latest && !republish ? latest.published_at : (latest?.published_at ?? now),
        updated_at: now,
        published_by: ctx.actorId,
      };
      await trx.insertInto('revisions').values(row).execute();
      const revision = toRevision({ ...row, id: 0, publisher_name: null });
      const event = ctx.action === 'update' ? 'article.updated' : 'article.published';
      const previous = await previousUrls.of(ctx.articleId, url, trx);
      await deliveries.enqueue(trx, event, ctx.articleId, { revision: { ...revision, republished: republish, previousUrls: previous } });
    },

    after() {
      deps.worker.wake();
    },
  };
}
