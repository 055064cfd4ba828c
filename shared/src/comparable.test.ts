import { describe, expect, it } from 'vitest';
import { BLOCK_MARK as M, LINK_CLOSE, LINK_HREF, LINK_OPEN, comparableBody } from './comparable.js';
import type { PMNode } from './doc.js';

const text = (t: string, href?: string): PMNode => ({ type: 'text', text: t, ...(href ? { marks: [{ type: 'link', attrs: { href } }] } : {}) });
const p = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });
const doc = (...content: PMNode[]): PMNode => ({ type: 'doc', content });
const item = (...content: PMNode[]): PMNode => ({ type: 'listItem', content });

describe('comparableBody', () => {
  it('leaves plain paragraphs as plain text, a blank line between them', () => {
    expect(comparableBody(doc(p(text('One.')), p(), p(text('Two.'))))).toBe('One.\n\nTwo.');
  });

  it('marks headings by level, list items by kind and nesting, quotes and rules', () => {
    const body = doc(
      { type: 'heading', attrs: { level: 3 }, content: [text('Timetable')] },
      { type: 'bulletList', content: [item(p(text('Monday')), p(text('and Tuesday')), { type: 'orderedList', content: [item(p(text('early')))] })] },
      { type: 'blockquote', content: [p(text('“We sail.”'))] },
      { type: 'horizontalRule' },
    );
    expect(comparableBody(body).split('\n\n')).toEqual([
      `${M.h3}Timetable`,
      `${M.bullet}Monday`,
      `${M.continued}and Tuesday`,
      `${M.continued}${M.ordered}early`,
      `${M.quote}“We sail.”`,
      M.rule,
    ]);
  });

  it('writes a link as its words then its target, and a changed target as a different link', () => {
    const body = doc(p(text('See the '), text('new ', 'https://a.example/t'), text('timetable', 'https://a.example/t'), text(' and '), text('map', 'https://b.example')));
    expect(comparableBody(body)).toBe(
      `See the ${LINK_OPEN}new timetable${LINK_HREF}https://a.example/t${LINK_CLOSE} and ${LINK_OPEN}map${LINK_HREF}https://b.example${LINK_CLOSE}`,
    );
  });

  it('strips the mark characters from the article’s own text and keeps hard breaks within the block', () => {
    const body = doc(p(text(`a${M.h2}b`), { type: 'hardBreak' }, { type: 'hardBreak' }, text('c')));
    expect(comparableBody(body)).toBe('ab\nc');
  });
});
