/**
 * The check every client update passes (update-rules.ts): one case per kind of change, allowed
 * and refused, what the real editor writes, and a property test that throws random and hostile
 * updates at it and checks that a document only ever holds what the article schema allows.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { articleSchema, bodyOf, bodyRules, HEADLINE_MAX } from '@copydesk/shared';
import { checkUpdate, type DocumentLimits } from './update-rules.js';

const limits: DocumentLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 32 };

/** A server document and a client that starts from it; `edit` returns the client's update. */
function pair(seed?: (doc: Y.Doc) => void) {
  const server = new Y.Doc();
  if (seed) seed(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return {
    server,
    client,
    edit(fn: (doc: Y.Doc) => void): Uint8Array {
      const before = Y.encodeStateVector(this.client);
      fn(this.client);
      return Y.encodeStateAsUpdate(this.client, before);
    },
    /** The client goes back to the server's state (after a refused edit). */
    rewind() {
      this.client = new Y.Doc();
      Y.applyUpdate(this.client, Y.encodeStateAsUpdate(server));
    },
    check(update: Uint8Array, stored = 0) {
      return checkUpdate(server, update, limits, stored);
    },
  };
}

function paragraph(text: string, marks: Record<string, unknown> = {}): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text, marks);
  p.insert(0, [t]);
  return p;
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attrs: Record<string, unknown> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, children);
  return el;
}

function nested(name: string, depth: number, leaf: Y.XmlElement): Y.XmlElement {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = element(name, [node]);
  return node;
}

/**
 * `depth` elements each inside the last, inserted one level at a time (Yjs integrates a prelim
 * tree recursively, so a client cannot build thousands of levels in one insert; it can this way).
 */
function nestDeep(doc: Y.Doc, name: string, depth: number): void {
  let parent: Y.XmlElement | Y.XmlFragment = bodyOf(doc);
  for (let i = 0; i < depth; i++) {
    const el: Y.XmlElement = new Y.XmlElement(name);
    parent.insert(0, [el]);
    parent = el;
  }
  parent.insert(0, [paragraph('deep')]);
}

describe('updates that fit the article', () => {
  it.each<[string, (doc: Y.Doc) => void]>([
    ['a paragraph of text', (d) => bodyOf(d).insert(0, [paragraph('Polls close at eight.')])],
    ['bold, italic and a safe link', (d) => bodyOf(d).insert(0, [paragraph('Read more', { bold: {}, italic: {}, link: { href: 'https://example.org/a', target: null, rel: 'noopener', class: null } })])],
    ['a heading of level 3', (d) => bodyOf(d).insert(0, [element('heading', [new Y.XmlText('Results')], { level: 3 })])],
    ['a list', (d) => bodyOf(d).insert(0, [element('bulletList', [element('listItem', [paragraph('one')])])])],
    ['an ordered list starting at 4', (d) => bodyOf(d).insert(0, [element('orderedList', [element('listItem', [paragraph('four')])], { start: 4 })])],
    ['a quote', (d) => bodyOf(d).insert(0, [element('blockquote', [paragraph('“Said so.”')])])],
    ['a line break and a rule', (d) => bodyOf(d).insert(0, [element('paragraph', [new Y.XmlText('a'), element('hardBreak'), new Y.XmlText('b')]), element('horizontalRule')])],
    ['a headline', (d) => d.getText('headline').insert(0, 'Storm closes the port')],
    ['a standfirst', (d) => d.getText('dek').insert(0, 'Ferries stay in harbour until Friday.')],
    ['blocks nested to the limit', (d) => bodyOf(d).insert(0, [nested('blockquote', 31, paragraph('deep'))])],
  ])('%s', (_name, edit) => {
    const p = pair();
    expect(p.check(p.edit(edit))).toEqual({ ok: true, adds: true });
  });

  it('typing into, formatting and deleting from an existing paragraph', () => {
    const p = pair((d) => bodyOf(d).insert(0, [paragraph('The council met.')]));
    const text = () => (bodyOf(p.client).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (const edit of [
      () => text().insert(4, 'city '),
      () => text().format(0, 3, { bold: {} }),
      () => text().delete(0, 4),
      () => (bodyOf(p.client).get(0) as Y.XmlElement).setAttribute('level', '2'),
    ]) {
      const update = p.edit(edit);
      const verdict = p.check(update);
      if (verdict.ok) Y.applyUpdate(p.server, update);
      else expect(verdict.reason).toMatch(/attribute "level"/); // paragraphs have no level
    }
  });

  it('everything the editor writes for a document of every node and mark', () => {
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Heading' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'bold' }, { type: 'italic' }, { type: 'strike' }] }, { type: 'hardBreak' }, { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quote' }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }, { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }] }] }] },
        { type: 'horizontalRule' },
      ],
    };
    const doc = prosemirrorJSONToYDoc(articleSchema(), json, 'body');
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc), limits, 0)).toEqual({ ok: true, adds: true });
  });

  it('deletions only, also when the document is over its size limit', () => {
    const p = pair((d) => bodyOf(d).insert(0, [paragraph('words')]));
    const update = p.edit((d) => bodyOf(d).delete(0, 1));
    expect(p.check(update, limits.maxBytes * 2)).toEqual({ ok: true, adds: false });
  });
});

describe('updates refused', () => {
  it.each<[string, (doc: Y.Doc) => void, RegExp]>([
    ['an unknown node', (d) => bodyOf(d).insert(0, [element('figure', [])]), /unknown node "figure"/],
    ['text directly in a quote', (d) => bodyOf(d).insert(0, [element('blockquote', [new Y.XmlText('loose')])]), /text cannot go directly inside "blockquote"/],
    ['a paragraph in a paragraph', (d) => bodyOf(d).insert(0, [element('paragraph', [paragraph('inner')])]), /"paragraph" cannot go inside "paragraph"/],
    ['a list item outside a list', (d) => bodyOf(d).insert(0, [element('listItem', [paragraph('x')])]), /"listItem" cannot go inside "doc"/],
    ['text at the top of the body', (d) => bodyOf(d).insert(0, [new Y.XmlText('top')]), /text cannot go directly inside "doc"/],
    ['a heading of level 1', (d) => bodyOf(d).insert(0, [element('heading', [new Y.XmlText('H')], { level: 1 })]), /heading level/],
    ['an undeclared attribute', (d) => bodyOf(d).insert(0, [element('paragraph', [], { onclick: 'alert(1)' })]), /no attribute "onclick"/],
    ['an attribute that is not a plain value', (d) => bodyOf(d).insert(0, [element('heading', [], { level: { x: 1 } })]), /plain value/],
    ['a javascript: link', (d) => bodyOf(d).insert(0, [paragraph('x', { link: { href: 'javascript:alert(1)' } })]), /http, https or mailto/],
    ['an unknown mark', (d) => bodyOf(d).insert(0, [paragraph('x', { script: {} })]), /unknown mark "script"/],
    ['a mark attribute it does not declare', (d) => bodyOf(d).insert(0, [paragraph('x', { bold: { style: 'x' } })]), /no attribute "style"/],
    ['an embed in body text', (d) => {
      const t = new Y.XmlText();
      bodyOf(d).insert(0, [element('paragraph', [t])]);
      t.insertEmbed(0, { image: 'x' });
    }, /characters and formatting only/],
    ['a map in the body', (d) => bodyOf(d).insert(0, [new Y.Map() as unknown as Y.XmlElement]), /elements and text only/],
    ['a sub-document', (d) => d.getArray('body2').insert(0, [new Y.Doc()]), /unknown document part/],
    ['an unknown top-level part', (d) => d.getText('x').insert(0, 'x'), /unknown document part "x"/],
    ['the reserved meta map', (d) => d.getMap('meta').set('k', 'v'), /unknown document part "meta"/],
    ['formatting in the headline', (d) => d.getText('headline').insert(0, 'x', { bold: true }), /plain text only/],
    ['an xml hook', (d) => bodyOf(d).insert(0, [new Y.XmlHook('h') as unknown as Y.XmlElement]), /elements and text only/],
  ])('invalid: %s', (_name, edit, reason) => {
    const p = pair();
    const verdict = p.check(p.edit(edit));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.kind).toBe('invalid');
      expect(verdict.reason).toMatch(reason);
    }
  });

  it('limit: nesting deeper than the limit, also 10,000 levels in one update (no stack overflow)', () => {
    for (const depth of [32, 10_000]) {
      const p = pair();
      const verdict = p.check(p.edit((d) => d.transact(() => nestDeep(d, 'blockquote', depth))));
      expect(verdict).toMatchObject({ ok: false, kind: 'limit', reason: expect.stringMatching(/nested more than 32 levels/) });
    }
  });

  it('limit: nesting past the limit into a deep document', () => {
    const p = pair((d) => bodyOf(d).insert(0, [nested('blockquote', 31, paragraph('deep'))]));
    let inner = bodyOf(p.client).get(0) as Y.XmlElement;
    while (inner.get(0) instanceof Y.XmlElement && (inner.get(0) as Y.XmlElement).nodeName === 'blockquote') inner = inner.get(0) as Y.XmlElement;
    const fits = p.edit(() => inner.insert(0, [paragraph('fits')]));
    expect(p.check(fits)).toMatchObject({ ok: true });
    Y.applyUpdate(p.server, fits);
    expect(p.check(p.edit(() => inner.insert(0, [element('blockquote', [paragraph('too deep')])])))).toMatchObject({ ok: false, kind: 'limit' });
  });

  it('limit: a document past its size', () => {
    const p = pair();
    const update = p.edit((d) => bodyOf(d).insert(0, [paragraph('x'.repeat(1000))]));
    expect(p.check(update, limits.maxBytes - 500)).toMatchObject({ ok: false, kind: 'limit', reason: expect.stringMatching(/larger than 4 MB/) });
  });

  it(`limit: a headline past ${HEADLINE_MAX} characters; replacing a full one is fine`, () => {
    const p = pair((d) => d.getText('headline').insert(0, 'h'.repeat(HEADLINE_MAX)));
    expect(p.check(p.edit((d) => d.getText('headline').insert(0, 'x')))).toMatchObject({ ok: false, kind: 'limit' });
    p.rewind();
    const replace = p.edit((d) => {
      d.getText('headline').delete(0, HEADLINE_MAX);
      d.getText('headline').insert(0, 'n'.repeat(HEADLINE_MAX));
    });
    expect(p.check(replace)).toMatchObject({ ok: true });
    p.rewind();
    expect(p.check(p.edit((d) => d.getText('headline').insert(0, 'y'.repeat(9_500_000 / 1000))))).toMatchObject({ ok: false, kind: 'limit' });
  });

  it('missing: an update that builds on structs the server does not have', () => {
    const p = pair();
    p.edit((d) => d.getText('headline').insert(0, 'first'));
    const second = p.edit((d) => d.getText('headline').insert(5, ' second'));
    expect(p.check(second)).toMatchObject({ ok: false, kind: 'missing' });
  });

  it('malformed: bytes that are not an update', () => {
    expect(checkUpdate(new Y.Doc(), Uint8Array.of(0xff, 0xff, 0xff, 0x0f), limits, 0)).toMatchObject({ ok: false, kind: 'malformed' });
  });
});

/** Problems of a whole body under the rules, walked with a loop (the property below). */
function bodyProblems(doc: Y.Doc, maxDepth: number): string[] {
  const rules = bodyRules();
  const problems: string[] = [];
  const stack: { node: Y.XmlElement | Y.XmlFragment; name: string; depth: number }[] = [{ node: bodyOf(doc), name: rules.top, depth: 0 }];
  while (stack.length > 0) {
    const { node, name, depth } = stack.pop()!;
    if (depth > maxDepth) problems.push(`too deep: ${depth}`);
    const allowed = rules.allowedChildren(name);
    if (!allowed) {
      problems.push(`unknown ${name}`);
      continue;
    }
    if (node instanceof Y.XmlElement) {
      for (const [k, v] of Object.entries(node.getAttributes())) {
        const p = rules.checkNodeAttribute(name, k, v);
        if (p) problems.push(p);
      }
    }
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        if (!allowed.has('text')) problems.push(`text in ${name}`);
        for (const d of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
          if (typeof d.insert !== 'string') problems.push('embed');
          for (const [k, v] of Object.entries(d.attributes ?? {})) {
            const p = rules.checkFormat(k, v);
            if (p) problems.push(p);
          }
        }
      } else if (child instanceof Y.XmlElement) {
        if (!allowed.has(child.nodeName)) problems.push(`${child.nodeName} in ${name}`);
        stack.push({ node: child, name: child.nodeName, depth: depth + 1 });
      } else problems.push('foreign type');
    }
  }
  for (const key of doc.share.keys()) if (!['body', 'headline', 'dek'].includes(key)) problems.push(`root ${key}`);
  return problems;
}

// Building blocks of random and hostile edits.
const names = fc.constantFrom('paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'hardBreak', 'horizontalRule', 'figure', 'script', 'doc', 'text');
const attrValue = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -2, max: 7 }), fc.constant(null), fc.boolean());
const attrKey = fc.constantFrom('level', 'start', 'type', 'onclick', 'href', 'class');
const markKey = fc.constantFrom('bold', 'italic', 'strike', 'link', 'link--abc', 'script', 'ychange');
const markValue = fc.oneof(fc.constant({}), fc.constant(null), fc.record({ href: fc.constantFrom('https://example.org', 'javascript:alert(1)', 'data:x', '') }), fc.constant({ style: 'x' }), fc.constant(true));

type Op =
  | { kind: 'element'; path: number[]; name: string; attrs: [string, unknown][] }
  | { kind: 'text'; path: number[]; text: string; marks: [string, unknown][] }
  | { kind: 'delete'; path: number[] }
  | { kind: 'nest'; name: string; depth: number }
  | { kind: 'root'; name: string }
  | { kind: 'headline'; text: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('element' as const), path: fc.array(fc.nat(3), { maxLength: 4 }), name: names, attrs: fc.array(fc.tuple(attrKey, attrValue), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('text' as const), path: fc.array(fc.nat(3), { maxLength: 4 }), text: fc.string({ maxLength: 20 }), marks: fc.array(fc.tuple(markKey, markValue), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('nest' as const), name: fc.constantFrom('blockquote', 'bulletList', 'listItem'), depth: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('root' as const), name: fc.constantFrom('meta', 'x', 'body', 'headline') }),
  fc.record({ kind: fc.constant('headline' as const), text: fc.string({ maxLength: 120 }) }),
);

/** The container at `path` under the body (as far as the path leads). */
function at(doc: Y.Doc, path: number[]): Y.XmlElement | Y.XmlFragment {
  let node: Y.XmlElement | Y.XmlFragment = bodyOf(doc);
  for (const i of path) {
    const child: unknown = node.length > 0 ? node.get(i % node.length) : undefined;
    if (!(child instanceof Y.XmlElement)) break;
    node = child;
  }
  return node;
}

function perform(doc: Y.Doc, o: Op): void {
  switch (o.kind) {
    case 'element': {
      const parent = at(doc, o.path);
      parent.insert(Math.min(parent.length, o.path.length), [element(o.name, [], Object.fromEntries(o.attrs))]);
      return;
    }
    case 'text': {
      const parent = at(doc, o.path);
      const t = new Y.XmlText();
      parent.insert(0, [t]);
      t.insert(0, o.text || 'x', Object.fromEntries(o.marks));
      return;
    }
    case 'delete': {
      const parent = at(doc, o.path.slice(0, -1));
      if (parent.length > 0) parent.delete(o.path.at(-1)! % parent.length, 1);
      return;
    }
    case 'nest':
      bodyOf(doc).insert(0, [nested(o.name, o.depth, paragraph('n'))]);
      return;
    case 'root':
      if (o.name === 'meta') doc.getMap('meta').set('k', 1);
      else if (o.name === 'x') doc.getText('x').insert(0, 'x');
      else if (o.name === 'headline') doc.getText('headline').insert(0, 'x');
      else bodyOf(doc).insert(0, [paragraph('p')]);
      return;
    case 'headline':
      doc.getText('headline').insert(0, o.text);
      return;
  }
}

describe('random and hostile updates (property)', () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 150);

  it('a document only ever holds what the article allows, and the check never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), (batches) => {
        const server = new Y.Doc();
        // Several clients, each editing from what the server accepted.
        const clients = [new Y.Doc(), new Y.Doc()];
        batches.forEach((batch, i) => {
          const client = clients[i % clients.length]!;
          Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
          const before = Y.encodeStateVector(client);
          client.transact(() => batch.forEach((o) => perform(client, o)));
          const update = Y.encodeStateAsUpdate(client, before);
          const verdict = checkUpdate(server, update, { maxBytes: 64 * 1024, maxDepth: 32 }, 0);
          if (verdict.ok) Y.applyUpdate(server, update);
          else clients[i % clients.length] = Object.assign(new Y.Doc(), {}); // a refused client starts over
          expect(bodyProblems(server, 32)).toEqual([]);
          expect(server.getText('headline').length).toBeLessThanOrEqual(HEADLINE_MAX);
          expect(server.store.pendingStructs).toBeNull();
        });
      }),
      { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 11) },
    );
  });

  it('random bytes and mutated updates are refused or fit, never throw', () => {
    const base = pair((d) => bodyOf(d).insert(0, [paragraph('Hello there')]));
    const valid = base.edit((d) => ((bodyOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(5, ' world', { bold: {} }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
            const copy = valid.slice();
            copy[i] = b;
            return copy;
          }),
        ),
        (bytes) => {
          const server = new Y.Doc();
          Y.applyUpdate(server, Y.encodeStateAsUpdate(base.server));
          const verdict = checkUpdate(server, bytes, limits, 0);
          if (verdict.ok) {
            try {
              Y.applyUpdate(server, bytes);
            } catch {
              // Yjs may still throw on bytes it cannot read past the structs; the room turns
              // that into a protocol error. The document must hold only what the rules allow.
            }
            expect(bodyProblems(server, 32)).toEqual([]);
          }
        },
      ),
      { numRuns: runs * 4, seed: Number(process.env.FUZZ_SEED ?? 11) },
    );
  });
});
