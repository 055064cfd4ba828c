/**
 * The TipTap extensions of an article body, free of UI code. The editor adds its UI extensions
 * (collaboration, carets, placeholder) on top; the server builds the same ProseMirror schema from
 * this list to validate and render what clients wrote.
 */
import { getSchema, type AnyExtension } from '@tiptap/core';
import Blockquote from '@tiptap/extension-blockquote';
import Bold from '@tiptap/extension-bold';
import Document from '@tiptap/extension-document';
import HardBreak from '@tiptap/extension-hard-break';
import Heading from '@tiptap/extension-heading';
import HorizontalRule from '@tiptap/extension-horizontal-rule';
import Italic from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import Strike from '@tiptap/extension-strike';
import Text from '@tiptap/extension-text';

export const HEADING_LEVELS = [2, 3, 4] as const;
export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

/** True for an absolute http(s) or mailto URL; everything else (javascript:, data:, relative) is refused. */
export function isSafeLinkHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return false;
  }
  return (LINK_PROTOCOLS as readonly string[]).includes(url.protocol);
}

export const articleExtensions: AnyExtension[] = [
  Document,
  Paragraph,
  Text,
  Heading.configure({ levels: [...HEADING_LEVELS] }),
  Bold,
  Italic,
  Strike,
  Link.configure({
    openOnClick: false,
    autolink: true,
    defaultProtocol: 'https',
    protocols: ['http', 'https', 'mailto'],
    isAllowedUri: (url) => isSafeLinkHref(url),
    shouldAutoLink: (url) => isSafeLinkHref(url.includes(':') ? url : `https://${url}`),
    HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
  }),
  Blockquote,
  BulletList,
  OrderedList,
  ListItem,
  HardBreak,
  HorizontalRule,
];

let schema: ReturnType<typeof getSchema> | undefined;

/** The ProseMirror schema of an article body (built once). */
export function articleSchema(): ReturnType<typeof getSchema> {
  schema ??= getSchema(articleExtensions);
  return schema;
}
