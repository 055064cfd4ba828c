/**
 * What a person types into the link form, turned into an href the article schema accepts
 * (shared `isSafeLinkHref`), or a sentence saying why not.
 */
import { isSafeLinkHref } from '@copydesk/shared';

export type LinkInput = { ok: true; href: string } | { ok: false; message: string };

const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/u;
const BARE_HOST = /^(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}(?::\d+)?(?:[/?#]\S*)?$/u;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function parseLinkInput(raw: string): LinkInput {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'Type or paste an address.' };
  let href = text;
  if (!HAS_SCHEME.test(text)) {
    if (EMAIL.test(text)) href = `mailto:${text}`;
    else if (BARE_HOST.test(text)) href = `https://${text}`;
    else if (text.startsWith('//')) href = `https:${text}`;
  }
  if (isSafeLinkHref(href)) return { ok: true, href };
  if (HAS_SCHEME.test(text) && !/^(https?|mailto):/i.test(text)) {
    return { ok: false, message: 'Only web (http, https) and email (mailto) links are allowed.' };
  }
  return { ok: false, message: 'That is not a full web address. Try https://example.com/page.' };
}
