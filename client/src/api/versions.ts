/**
 * Versions of an article (snapshots at transitions, every few minutes, and on demand) and its
 * published revisions: list, save, preview, compare, restore.
 */
import { VERSION_KINDS, type Comparison, type DiffPart, type PMNode, type RevisionInfo, type VersionContent, type VersionInfo } from '@copydesk/shared';

export type { Comparison, DiffPart, RevisionInfo, VersionContent, VersionInfo, VersionKind } from '@copydesk/shared';
import { isBoolean, isNumber, isPersonRef, isString, isStringArray, listOf, orNull } from './check.js';
import { isRecord, request, unexpected } from './http.js';

export interface VersionList {
  versions: VersionInfo[];
  /**
   * What "Changes since submitted" compares with (the latest submission, or the version taken
   * when the article was sent back, once it was resubmitted), and the latest approval.
   */
  sinceSubmitted: number | null;
  sinceApproved: number | null;
}

function isVersion(value: unknown): value is VersionInfo {
  return (
    isRecord(value) &&
    isNumber(value.n) &&
    (VERSION_KINDS as readonly unknown[]).includes(value.kind) &&
    isString(value.name) &&
    orNull(isString)(value.action) &&
    isString(value.state) &&
    isString(value.headline) &&
    isNumber(value.wordCount) &&
    orNull(isPersonRef)(value.by) &&
    isString(value.at)
  );
}

function isDocJSON(value: unknown): value is PMNode {
  return (
    isRecord(value) &&
    isString(value.type) &&
    (value.content === undefined || (Array.isArray(value.content) && value.content.every(isDocJSON))) &&
    (value.text === undefined || isString(value.text))
  );
}

const isDiffPart = (value: unknown): value is DiffPart =>
  isRecord(value) && isString(value.value) && (value.added === undefined || isBoolean(value.added)) && (value.removed === undefined || isBoolean(value.removed));

function isRevision(value: unknown): value is RevisionInfo {
  return (
    isRecord(value) &&
    isNumber(value.number) &&
    (value.kind === 'publish' || value.kind === 'update') &&
    isString(value.headline) &&
    isString(value.dek) &&
    isString(value.slug) &&
    isString(value.canonicalUrl) &&
    isString(value.byline) &&
    isString(value.section) &&
    isStringArray(value.tags) &&
    orNull(isString)(value.correction) &&
    isString(value.publishedAt) &&
    isString(value.updatedAt) &&
    orNull(isPersonRef)(value.publishedBy)
  );
}

/** Reads a comparison; `coarse` (compared by paragraph) is false when the server leaves it out. */
export function comparisonFrom(body: unknown): Comparison {
  const headline = listOf(body, 'headline', isDiffPart);
  const dek = listOf(body, 'dek', isDiffPart);
  const text = listOf(body, 'body', isDiffPart);
  if (!isRecord(body) || !headline || !dek || !text) throw unexpected(200);
  const changed = isBoolean(body.changed) ? body.changed : [...headline, ...dek, ...text].some((p) => p.added || p.removed);
  return { headline, dek, body: text, changed, coarse: body.coarse === true };
}

const article = (articleId: string) => `/api/articles/${encodeURIComponent(articleId)}`;

export async function listVersions(articleId: string): Promise<VersionList> {
  const body = await request(`${article(articleId)}/versions`);
  const versions = listOf(body, 'versions', isVersion);
  if (!isRecord(body) || !versions) throw unexpected(200);
  const n = orNull(isNumber);
  return { versions, sinceSubmitted: n(body.sinceSubmitted) ? body.sinceSubmitted : null, sinceApproved: n(body.sinceApproved) ? body.sinceApproved : null };
}

/** Saves the article as it is now under `name`; answers the new version's number. */
export async function saveVersion(articleId: string, name: string): Promise<number> {
  const body = await request(`${article(articleId)}/versions`, { method: 'POST', body: { name } });
  if (isRecord(body) && isNumber(body.n)) return body.n;
  throw unexpected(201);
}

export async function getVersion(articleId: string, n: number): Promise<VersionContent> {
  const body = await request(`${article(articleId)}/versions/${n}`);
  if (isRecord(body) && isString(body.headline) && isString(body.dek) && isDocJSON(body.body)) {
    return { headline: body.headline, dek: body.dek, body: body.body };
  }
  throw unexpected(200);
}

/** What changed from version `from` to version `to` (or to the article as it is now). */
export async function compareVersions(articleId: string, from: number, to: number | 'current'): Promise<Comparison> {
  return comparisonFrom(await request(`${article(articleId)}/compare?from=${from}&to=${to}`));
}

/**
 * Makes the article say what version `n` said, as a new change on top (editors only); the server
 * keeps the text it replaces as a version ("Before restoring version n") in the same step.
 */
export async function restoreVersion(articleId: string, n: number): Promise<void> {
  await request(`${article(articleId)}/versions/${n}/restore`, { method: 'POST' });
}

export async function listRevisions(articleId: string): Promise<RevisionInfo[]> {
  const revisions = listOf(await request(`${article(articleId)}/revisions`), 'revisions', isRevision);
  if (!revisions) throw unexpected(200);
  return revisions;
}

/** Where the story is live now (its latest revision), and how the server makes public URLs. */
export interface PublicPlace {
  live: RevisionInfo | undefined;
  siteUrl: string;
  articlePathPattern: string;
}

export async function publicPlace(articleId: string): Promise<PublicPlace> {
  const body = await request(`${article(articleId)}/revisions`);
  const revisions = listOf(body, 'revisions', isRevision);
  const urls = isRecord(body) && isRecord(body.urls) ? body.urls : undefined;
  if (!revisions || !urls || !isString(urls.siteUrl) || !isString(urls.articlePathPattern)) throw unexpected(200);
  return { live: revisions[0], siteUrl: urls.siteUrl, articlePathPattern: urls.articlePathPattern };
}

export async function compareRevisions(articleId: string, from: number, to: number): Promise<Comparison> {
  return comparisonFrom(await request(`${article(articleId)}/revisions/compare?from=${from}&to=${to}`));
}

/** A detail outside the text that the draft changes (slug, byline, section, tags, SEO description). */
export interface DetailChange {
  field: string;
  before: string;
  after: string;
}

const isDetailChange = (value: unknown): value is DetailChange =>
  isRecord(value) && isString(value.field) && isString(value.before) && isString(value.after);

/** What "Publish update" would send: the revision on the site now against the draft as it stands. */
export async function compareLiveWithDraft(articleId: string): Promise<Comparison & { details: DetailChange[] }> {
  const body = await request(`${article(articleId)}/revisions/compare?from=live&to=current`);
  return { ...comparisonFrom(body), details: listOf(body, 'details', isDetailChange) ?? [] };
}
