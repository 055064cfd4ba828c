import { describe, expect, it } from 'vitest';
import { articleSchema, isSafeLinkHref } from './schema.js';

describe('article schema', () => {
  it('has exactly the newsroom body nodes and marks', () => {
    const schema = articleSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(
      ['blockquote', 'bulletList', 'doc', 'hardBreak', 'heading', 'horizontalRule', 'listItem', 'orderedList', 'paragraph', 'text'].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link', 'strike']);
  });

  it.each([
    ['https://example.com/a?b=1', true],
    ['http://example.com', true],
    ['mailto:desk@example.com', true],
    ['javascript:alert(1)', false],
    [' JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['/relative', false],
    ['vbscript:msgbox', false],
    [42, false],
  ])('link %j allowed: %s', (href, ok) => {
    expect(isSafeLinkHref(href)).toBe(ok);
  });
});
