/**
 * The reader page: a published revision (or, for the newsroom, the current draft) as a plain
 * server-rendered HTML document with Open Graph and schema.org NewsArticle metadata. Every field
 * but the body is plain text and is escaped here; the body is the server's own rendering
 * (render.ts: sanitised JSON through TipTap's static renderer, which escapes text and
 * attributes). The JSON-LD block escapes `<`, `>` and `&` so no value can close its <script>.
 * The page has no script and one stylesheet of its own (reader-style.ts).
 */
import { escapeHtml as esc } from './feed-formats.js';
import { READER_CSS_PATH, READER_CSS_VERSION } from './reader-style.js';

export interface ReaderStory {
  headline: string;
  dek: string;
  byline: string;
  section: string;
  tags: string[];
  seoDescription: string;
  /** Rendered by render.ts; trusted. */
  html: string;
  /** ISO times; null for a draft that never went out. */
  publishedAt: string | null;
  updatedAt: string | null;
  canonicalUrl: string | null;
  /** Correction and update notes, oldest first. */
  notes: { at: string; text: string }[];
}

export interface ReaderSite {
  name: string;
  /** Where the feeds are, absolute. */
  feedUrl: string;
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

function time(iso: string, format = DATE, suffix = ' UTC'): string {
  return `<time datetime="${esc(iso)}">${esc(format.format(new Date(iso)))}${suffix}</time>`;
}

/** JSON for a <script> data block: nothing in it can end the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "Ana Reyes and Ben Carter" -> two names. */
function bylineNames(byline: string): string[] {
  return byline
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function newsArticle(story: ReaderStory, site: ReaderSite): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.headline,
    ...(story.seoDescription || story.dek ? { description: story.seoDescription || story.dek } : {}),
    ...(story.publishedAt ? { datePublished: story.publishedAt } : {}),
    ...(story.updatedAt ? { dateModified: story.updatedAt } : {}),
    ...(story.byline ? { author: bylineNames(story.byline).map((name) => ({ '@type': 'Person', name })) } : {}),
    publisher: { '@type': 'Organization', name: site.name },
    ...(story.section ? { articleSection: story.section } : {}),
    ...(story.tags.length ? { keywords: story.tags.join(', ') } : {}),
    ...(story.canonicalUrl ? { mainEntityOfPage: story.canonicalUrl, url: story.canonicalUrl } : {}),
  };
}

function head(title: string, extra: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${READER_CSS_PATH}?v=${READER_CSS_VERSION}">
${extra}</head>`;
}

/** The whole page. `preview` marks it as the newsroom's view of a draft: not for search engines. */
export function readerPage(story: ReaderStory, site: ReaderSite, opts: { preview?: boolean } = {}): string {
  const description = story.seoDescription || story.dek;
  const meta = [
    opts.preview ? '<meta name="robots" content="noindex, nofollow">' : '',
    description ? `<meta name="description" content="${esc(description)}">` : '',
    story.canonicalUrl ? `<link rel="canonical" href="${esc(story.canonicalUrl)}">` : '',
    `<link rel="alternate" type="application/rss+xml" title="${esc(site.name)}" href="${esc(site.feedUrl)}">`,
    '<meta property="og:type" content="article">',
    `<meta property="og:site_name" content="${esc(site.name)}">`,
    `<meta property="og:title" content="${esc(story.headline)}">`,
    description ? `<meta property="og:description" content="${esc(description)}">` : '',
    story.canonicalUrl ? `<meta property="og:url" content="${esc(story.canonicalUrl)}">` : '',
    story.publishedAt ? `<meta property="article:published_time" content="${esc(story.publishedAt)}">` : '',
    story.updatedAt ? `<meta property="article:modified_time" content="${esc(story.updatedAt)}">` : '',
    story.section ? `<meta property="article:section" content="${esc(story.section)}">` : '',
    ...story.tags.map((t) => `<meta property="article:tag" content="${esc(t)}">`),
    '<meta name="twitter:card" content="summary">',
    `<script type="application/ld+json">${scriptJson(newsArticle(story, site))}</script>`,
  ]
    .filter(Boolean)
    .join('\n');

  const when: string[] = [];
  if (story.publishedAt) when.push(`Published ${time(story.publishedAt)}`);
  else when.push('Not published yet');
  if (story.publishedAt && story.updatedAt && story.updatedAt !== story.publishedAt) when.push(`Updated ${time(story.updatedAt)}`);
  const byline = story.byline ? `<span class="byline">By ${esc(story.byline)}</span> · ` : '';
  const notes = story.notes.length
    ? `<section class="notes" aria-labelledby="notes-title"><h2 id="notes-title">Corrections and updates</h2><ul>${story.notes
        .map((n) => `<li>${time(n.at, DAY, '')}: ${esc(n.text)}</li>`)
        .join('')}</ul></section>`
    : '';
  const tags = story.tags.length ? `<ul class="tags" aria-label="Topics">${story.tags.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : '';

  return `${head(`${story.headline} – ${site.name}`, `${meta}\n`)}
<body>
<a class="skip" href="#story">Skip to the story</a>
${opts.preview ? '<p class="preview-banner" role="note" data-testid="preview-banner"><strong>Preview</strong> of the current draft, as readers would see it once published. Not public.</p>' : ''}
<header class="masthead">${esc(site.name)}</header>
<main id="story" class="story">
<article>
${story.section ? `<p class="kicker">${esc(story.section)}</p>` : ''}
<h1>${esc(story.headline)}</h1>
${story.dek ? `<p class="dek">${esc(story.dek)}</p>` : ''}
<p class="meta">${byline}${when.join(' · ')}</p>
<div class="body">${story.html}</div>
${notes}
${tags}
</article>
</main>
<footer class="site-footer">© ${esc(site.name)}</footer>
</body>
</html>
`;
}

/** A plain page for a refusal (not found, not allowed) in the reader's style. */
export function readerProblemPage(site: ReaderSite, title: string, message: string): string {
  return `${head(`${title} – ${site.name}`, '<meta name="robots" content="noindex">\n')}
<body>
<header class="masthead">${esc(site.name)}</header>
<main class="story problem"><h1>${esc(title)}</h1><p>${esc(message)}</p></main>
</body>
</html>
`;
}
