/**
 * A strict XML reader for tests, on saxes: namespaces checked, and anything a conforming XML
 * 1.0 parser must reject (a forbidden character, `<` in an attribute, an undeclared prefix)
 * throws, as it would in a feed reader built on libxml2. Lenient parsers (fast-xml-parser,
 * which @rowanmanning/feed-parser uses) accept such documents, so they cannot show the bug.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

/** The document's root element; throws on the first well-formedness error. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attributes: {}, children: [] };
    for (const [name, attr] of Object.entries(tag.attributes)) el.attributes[name] = attr.value;
    stack.at(-1)?.children.push(el);
    root ??= el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    stack.at(-1)?.children.push(text);
  });
  parser.on('cdata', (text) => {
    stack.at(-1)?.children.push(text);
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element named `name` (a qualified name, e.g. `content:encoded`), in order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) out.push(child);
    out.push(...findAll(child, name));
  }
  return out;
}

/** The first child element named `name`; throws if there is none. */
export function child(el: XmlElement, name: string): XmlElement {
  const found = el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
  if (!found) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
}

/** The element's text, its descendants' included. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
