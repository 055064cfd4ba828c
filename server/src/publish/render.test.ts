import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf } from '@copydesk/shared';
import { renderDoc } from './render.js';

/** What a hostile client can write into a Y.Doc with plain Yjs calls, bypassing the editor. */
function hostileDoc(): Y.Doc {
  const doc = new Y.Doc();
  const body = bodyOf(doc);
  const p = new Y.XmlElement('paragraph');
  p.setAttribute('onclick', 'alert(1)');
  p.setAttribute('style', 'background:url(javascript:alert(1))');
  const t = new Y.XmlText();
  t.insert(0, 'Click ');
  t.insert(6, 'here', { link: { href: 'javascript:alert(document.cookie)' } });
  t.insert(10, ' or ');
  t.insert(14, 'there', { link: { href: 'data:text/html,<script>alert(1)</script>' } });
  t.insert(19, ' or ');
  t.insert(23, 'safe', { link: { href: 'https://example.com/?q="x"&y=<z>', onmouseover: 'alert(1)' }, bold: { onclick: 'x' } });
  t.insert(27, ' <img src=x onerror=alert(1)> </p><script>alert(2)</script>');
  p.insert(0, [t]);
  const script = new Y.XmlElement('script');
  script.insert(0, [new Y.XmlText('alert("boom")')]);
  const iframe = new Y.XmlElement('iframe');
  iframe.setAttribute('src', 'https://evil.example');
  const heading = new Y.XmlElement('heading');
  heading.setAttribute('level', '1" onload="alert(1)');
  heading.insert(0, [new Y.XmlText('Sub “head” — déjà 東京')]);
  body.insert(0, [p, script, iframe, heading, new Y.XmlText('stray text at the top')]);
  return doc;
}

describe('rendering untrusted bodies', () => {
  const { html, json } = renderDoc(hostileDoc());

  it('drops scripts, event handlers, unknown elements and unsafe links', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/href="data:/i);
    expect(html).not.toMatch(/<[^>]*style=/i);
    expect(html).toContain('<a rel="noopener noreferrer nofollow" href="https://example.com/?q=&quot;x&quot;&amp;y=&lt;z&gt;">');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('keeps the words (escaped) and unicode exactly', () => {
    expect(html).toContain('Click here or there or ');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('alert("boom")');
    expect(html).toContain('<h2>Sub “head” — déjà 東京</h2>');
    expect(html).toContain('<p>stray text at the top</p>');
    expect(JSON.stringify(json)).not.toContain('onclick');
  });
});
