import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { child, findAll, parseXml, textOf, type XmlElement } from '../../test/xml.js';
import { escapeHtml } from './feed-formats.js';
import { buildFeed } from './feeds.js';
import type { Revision } from './revisions.js';
import { xmlChars } from './xml.js';

const site = { siteName: 'The Daily <Test> & Co', siteDescription: 'News from <the> city & around', siteUrl: 'https://news.example', publicUrl: 'https://desk.example' };

/** Any text, weighted towards what breaks XML: markup, entities, controls, unpaired surrogates, noncharacters. */
const nasty = fc.constantFrom('<', '>', '&', '"', "'", '&amp;', '&#12;', ']]>', '<![CDATA[', '\r', '\r\n', '\n', '\t', ' ', '\f', '\0', '\x1b', '\x7f', '\x85', '\u2028', '\uFFFE', '\uFFFF', '\u{1F600}');
const text = fc
  .array(
    fc.oneof(
      nasty,
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

function revision(fields: { headline: string; dek: string; tags: string[]; byline: string; html: string }): Revision {
  return {
    ...fields,
    articleId: 'a1',
    number: 1,
    kind: 'publish',
    slug: 'story',
    canonicalUrl: 'https://news.example/city/story?a=1&b=2',
    section: 'City',
    seoDescription: '',
    correction: null,
    json: {},
    contentHash: 'x',
    publishedAt: '2025-01-02T03:04:05.000Z',
    updatedAt: '2025-01-02T03:04:05.000Z',
    publishedBy: null,
  };
}

const input = fc.record({ headline: text, dek: text, tags: fc.array(text, { maxLength: 3 }), byline: text, html: text });

function optionalText(parent: XmlElement, name: string): string | undefined {
  const found = findAll(parent, name)[0];
  return found && textOf(found);
}

describe('feeds', () => {
  it('RSS is well-formed XML whatever the text, and gives the text back', () => {
    fc.assert(
      fc.property(input, (r) => {
        const item = child(child(parseXml(buildFeed(site, [revision(r)], 'rss')), 'channel'), 'item');
        expect(textOf(child(item, 'title'))).toBe(xmlChars(r.headline));
        // A description is HTML: the dek is escaped for it.
        expect(optionalText(item, 'description')).toBe(r.dek ? escapeHtml(xmlChars(r.dek)) : undefined);
        expect(findAll(item, 'category').map(textOf)).toEqual(r.tags.map(xmlChars));
        expect(optionalText(item, 'dc:creator')).toBe(r.byline ? xmlChars(r.byline) : undefined);
        expect(textOf(child(item, 'content:encoded'))).toBe(xmlChars(r.html));
      }),
      { numRuns: 300 },
    );
  });

  it('Atom is well-formed XML whatever the text, and gives the text back', () => {
    fc.assert(
      fc.property(input, (r) => {
        const entry = child(parseXml(buildFeed(site, [revision(r)], 'atom')), 'entry');
        expect(child(entry, 'title').attributes.type).toBe('text');
        expect(textOf(child(entry, 'title'))).toBe(xmlChars(r.headline));
        expect(optionalText(entry, 'summary')).toBe(r.dek ? xmlChars(r.dek) : undefined);
        expect(findAll(entry, 'category').map((c) => c.attributes.term)).toEqual(r.tags.map(xmlChars));
        expect(optionalText(entry, 'name')).toBe(r.byline ? xmlChars(r.byline) : undefined);
        expect(textOf(child(entry, 'content'))).toBe(xmlChars(r.html));
      }),
      { numRuns: 300 },
    );
  });

  it('JSON Feed carries the same text, without what XML cannot hold', () => {
    fc.assert(
      fc.property(input, (r) => {
        const feed = JSON.parse(buildFeed(site, [revision(r)], 'json')) as {
          items: { title: string; summary?: string; tags?: string[]; authors?: { name: string }[]; content_html: string }[];
        };
        const [item] = feed.items;
        expect(item!.title).toBe(xmlChars(r.headline));
        expect(item!.summary).toBe(r.dek ? xmlChars(r.dek) : undefined);
        expect(item!.tags ?? []).toEqual(r.tags.map(xmlChars));
        expect(item!.authors?.[0]?.name).toBe(r.byline ? xmlChars(r.byline) : undefined);
        expect(item!.content_html).toBe(xmlChars(r.html));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the site name and URLs intact', () => {
    const rss = child(parseXml(buildFeed(site, [], 'rss')), 'channel');
    expect(textOf(child(rss, 'title'))).toBe(site.siteName);
    expect(textOf(child(rss, 'description'))).toBe(escapeHtml(site.siteDescription));
    expect(child(rss, 'atom:link').attributes.href).toBe('https://desk.example/feed.xml');
    const atom = parseXml(buildFeed(site, [revision({ headline: 'h', dek: '', tags: [], byline: '', html: '<p>x</p>' })], 'atom'));
    expect(child(child(atom, 'entry'), 'link').attributes.href).toBe('https://news.example/city/story?a=1&b=2');
    expect(textOf(child(child(atom, 'entry'), 'content'))).toBe('<p>x</p>');
    expect(textOf(child(atom, 'subtitle'))).toBe(site.siteDescription);
    const json = JSON.parse(buildFeed(site, [], 'json')) as { title: string; description: string };
    expect(json).toMatchObject({ title: site.siteName, description: site.siteDescription });
  });

  it('RSS names the byline in dc:creator (its <author> is an email address), in the dc namespace', () => {
    const doc = parseXml(buildFeed(site, [revision({ headline: 'h', dek: '', tags: [], byline: 'Ana Reyes and Ben Carter', html: '<p>x</p>' })], 'rss'));
    expect(doc.attributes['xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    const item = child(child(doc, 'channel'), 'item');
    expect(findAll(item, 'author')).toEqual([]);
    expect(textOf(child(item, 'dc:creator'))).toBe('Ana Reyes and Ben Carter');
  });
});
