/**
 * The client's pages, as paths, and where a published story lives. One list for both sides: the
 * client's router is built from it, and the server gives the app shell only to these paths (any
 * other path is a real 404, or a published story when Copydesk serves the reader pages itself).
 * The app's own routes always win over the article path pattern (a section called "Admin").
 */
import { slugify } from './slug.js';

export const APP_ROUTES = {
  desk: '/',
  article: '/articles/:id',
  people: '/admin/people',
  sections: '/admin/sections',
  webhooks: '/admin/webhooks',
  webhookDeliveries: '/admin/webhooks/:id',
  login: '/login',
  setup: '/setup',
} as const;

export type AppRouteName = keyof typeof APP_ROUTES;

/** Where a signed-in person sees the current draft as readers would (server-rendered). */
export const PREVIEW_PATH = '/preview';

export function previewPath(articleId: string): string {
  return `${PREVIEW_PATH}/${encodeURIComponent(articleId)}`;
}

function routeRegExp(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  // As vue-router matches: case-insensitive, a trailing slash allowed.
  return new RegExp(`^${source === '' ? '' : source.replace(/\/$/, '')}/?$`, 'i');
}

const ROUTE_PATTERNS = Object.values(APP_ROUTES).map(routeRegExp);

/** Whether `pathname` is one of the client's pages (the not-found page is not one). */
export function isAppRoute(pathname: string): boolean {
  return ROUTE_PATTERNS.some((re) => re.test(pathname));
}

/** The parts of a published story that its path is made of. */
export interface ArticlePathParts {
  slug: string;
  section: string;
  id: string;
}

/** The story's path on the site, from ARTICLE_PATH_PATTERN (`{section}`, `{slug}`, `{id}`). */
export function articlePath(pattern: string, a: ArticlePathParts): string {
  return pattern
    .replaceAll('{section}', slugify(a.section))
    .replaceAll('{slug}', a.slug)
    .replaceAll('{id}', a.id)
    .replace(/\/{2,}/g, '/');
}
