/**
 * Writing XML that always parses and gives back the text that was written. XML 1.0 forbids
 * most C0 control characters, U+FFFE, U+FFFF and unpaired surrogates anywhere in a document,
 * escaped or not: one form feed in one headline made every feed unreadable for every
 * subscriber. Those characters are dropped. Everything else is escaped so that a parser
 * returns exactly the string: markup characters, and the carriage returns (and, in attributes,
 * tabs and newlines) that parsers would otherwise normalise away. No CDATA: it cannot hold
 * `]]>` and saves nothing here.
 */

/**
 * What XML 1.0's Char production leaves out: the C0 controls but tab, newline and carriage
 * return (Cc is C0, DEL and C1, and XML allows the last two), U+FFFE, U+FFFF, and unpaired
 * surrogates (with the u flag, \p{Cs} matches no half of a pair).
 */
const FORBIDDEN = /[^\P{Cc}\t\n\r\x7F-\x9F]|[\uFFFE\uFFFF\p{Cs}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** `s` without the characters an XML 1.0 document cannot contain. */
export function xmlChars(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/** `s` as element content. */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/[&<>\r]/g, (ch) => ENTITIES[ch]!);
}

/** `s` as a double-quoted attribute value. */
export function xmlAttr(s: string): string {
  return xmlChars(s).replace(/[&<>"\t\n\r]/g, (ch) => ENTITIES[ch]!);
}

/** Markup already written by `el`, as opposed to a string, which is always text. */
export class Markup {
  constructor(readonly xml: string) {}
}

type Child = string | Markup | undefined;

/**
 * One element. Attributes and string children are escaped here, so no caller can write raw
 * markup by mistake; undefined attributes and children are left out. Child elements go on
 * lines of their own (text never gains or loses whitespace).
 */
export function el(name: string, attrs: Record<string, string | undefined> | null, ...children: Child[]): Markup {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs ?? {})) if (value !== undefined) open += ` ${key}="${xmlAttr(value)}"`;
  const present = children.filter((c) => c !== undefined);
  if (present.length === 0) return new Markup(`${open}/>`);
  const inner = present.every((c) => c instanceof Markup)
    ? `\n${present.map((c) => c.xml).join('\n')}\n`
    : present.map((c) => (c instanceof Markup ? c.xml : xmlText(c))).join('');
  return new Markup(`${open}>${inner}</${name}>`);
}

/** A whole document: the declaration, then `root`. */
export function xmlDocument(root: Markup): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root.xml}\n`;
}
