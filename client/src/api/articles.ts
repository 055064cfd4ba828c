/**
 * Articles over REST: the desk's list (with its filters), starting an article, reading one with
 * this person's permissions, and changing its metadata and assignees.
 */
import type { ArticlePermissions, ArticleSort, ArticleState, ArticleSummary, CreateArticle, ReviewNote, SortDirection } from '@copydesk/shared';
import { isRecord, request, unexpected } from './http.js';

function isArticleSummary(value: unknown): value is ArticleSummary {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.headline === 'string' &&
    typeof value.dek === 'string' &&
    typeof value.wordCount === 'number' &&
    typeof value.createdAt === 'string' &&
    typeof value.updatedAt === 'string' &&
    typeof value.status === 'string' &&
    Array.isArray(value.assignees) &&
    Array.isArray(value.editing) &&
    Array.isArray(value.tags)
  );
}

export function isPermissions(value: unknown): value is ArticlePermissions {
  return isRecord(value) && typeof value.canEdit === 'boolean' && typeof value.canEditMeta === 'boolean' && Array.isArray(value.actions);
}

function articleFrom(body: unknown, status: number): ArticleSummary {
  if (isRecord(body) && isArticleSummary(body.article)) return body.article;
  throw unexpected(status);
}

/** The editor's note when an article is back in draft because changes were requested. */
export interface ChangeRequest {
  note: string;
  by: string;
  at: string;
}

/** One article as this person may work with it now. */
export interface ArticleView {
  article: ArticleSummary;
  permissions: ArticlePermissions;
  changeRequest: ChangeRequest | null;
  /** The notes of the review under way, oldest first (only GET /api/articles/:id answers them). */
  reviewNotes?: ReviewNote[];
}

export function isReviewNote(value: unknown): value is ReviewNote {
  return isRecord(value) && typeof value.action === 'string' && typeof value.note === 'string' && typeof value.by === 'string' && typeof value.at === 'string';
}

function isChangeRequest(value: unknown): value is ChangeRequest {
  return isRecord(value) && typeof value.note === 'string' && typeof value.by === 'string' && typeof value.at === 'string';
}

/** An article with the permissions the server answered alongside it (PATCH and transitions). */
export function viewFrom(body: unknown, status: number): Omit<ArticleView, 'changeRequest'> {
  if (isRecord(body) && isArticleSummary(body.article) && isPermissions(body.permissions)) {
    return { article: body.article, permissions: body.permissions };
  }
  throw unexpected(status);
}

export interface ArticleFilters {
  /** Only articles this person created or is assigned to. */
  mine?: boolean;
  section?: string;
  /** Words in the headline. */
  q?: string;
  states?: readonly ArticleState[];
  /** ISO times: changed at or after, before. */
  updatedFrom?: string;
  updatedTo?: string;
  sort?: ArticleSort;
  dir?: SortDirection;
  limit?: number;
  offset?: number;
}

export interface ArticleList {
  articles: ArticleSummary[];
  /** How many articles match the filters (the list is one page of them). */
  total: number;
  /** Every section in use, for the filter. */
  sections: string[];
}

export function listQuery(filters: ArticleFilters): string {
  const params = new URLSearchParams();
  if (filters.mine) params.set('mine', '1');
  if (filters.section) params.set('section', filters.section);
  const q = filters.q?.trim();
  if (q) params.set('q', q);
  if (filters.states?.length) params.set('states', filters.states.join(','));
  if (filters.updatedFrom) params.set('updatedFrom', filters.updatedFrom);
  if (filters.updatedTo) params.set('updatedTo', filters.updatedTo);
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.dir) params.set('dir', filters.dir);
  if (filters.limit !== undefined) params.set('limit', String(filters.limit));
  if (filters.offset) params.set('offset', String(filters.offset));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export async function listArticles(filters: ArticleFilters = {}): Promise<ArticleList> {
  const body = await request(`/api/articles${listQuery(filters)}`);
  if (isRecord(body) && Array.isArray(body.articles)) {
    const sections = Array.isArray(body.sections) ? body.sections.filter((s): s is string => typeof s === 'string') : [];
    const articles = body.articles.filter(isArticleSummary);
    return { articles, total: typeof body.total === 'number' ? body.total : articles.length, sections };
  }
  throw unexpected(200);
}

export async function createArticle(input: CreateArticle = {}): Promise<ArticleSummary> {
  return articleFrom(await request('/api/articles', { method: 'POST', body: input }), 201);
}

export async function getArticleView(id: string): Promise<ArticleView> {
  const body = await request(`/api/articles/${encodeURIComponent(id)}`);
  const view = viewFrom(body, 200);
  const changeRequest = isRecord(body) && isChangeRequest(body.changeRequest) ? body.changeRequest : null;
  const reviewNotes = isRecord(body) && Array.isArray(body.reviewNotes) ? body.reviewNotes.filter(isReviewNote) : [];
  return { ...view, changeRequest, reviewNotes };
}

export async function getArticle(id: string): Promise<ArticleSummary> {
  return (await getArticleView(id)).article;
}

/** Metadata the server keeps (the headline and dek live in the document). */
export interface ArticlePatch {
  slug?: string;
  section?: string;
  tags?: string[];
  byline?: string;
  seoDescription?: string;
  publishAt?: string | null;
  /** User ids; editors only. */
  assignees?: string[];
}

export async function updateArticle(id: string, patch: ArticlePatch): Promise<Omit<ArticleView, 'changeRequest'>> {
  return viewFrom(await request(`/api/articles/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }), 200);
}
