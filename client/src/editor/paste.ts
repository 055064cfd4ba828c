/**
 * What a paste into the body becomes, for what the article schema cannot hold: a table turns
 * into one paragraph per row with its cells separated by " · " (header cells bold, a table in a
 * cell flattened into that cell); images (there are no photos in an article yet) are left out,
 * and the editor is told so (`onNotice`), as it is for a pasted or dropped image file.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export const CELL_SEPARATOR = ' · ';
export const IMAGES_NOTICE = 'Images can’t be pasted yet: the text was pasted without them.';
export const IMAGE_FILE_NOTICE = 'Images can’t be pasted yet.';

/** Elements of pasted HTML that hold a picture or media the article cannot hold. */
const MEDIA = 'img, picture, svg, video, audio, canvas, iframe, object, embed';
/** Block elements flattened inside a table cell (a row is one paragraph). */
const CELL_BLOCKS = 'p, div, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd, blockquote, pre, section, article, header, footer, figure, figcaption';

/** Rewrites pasted HTML: tables into paragraphs per row, media taken out and counted. */
export function cleanPastedHTML(html: string, parser: DOMParser = new DOMParser()): { html: string; images: number } {
  if (!/<(table|img|picture|svg|video|audio|canvas|iframe|object|embed)\b/i.test(html)) return { html, images: 0 };
  const doc = parser.parseFromString(html, 'text/html');
  const media = Array.from(doc.body.querySelectorAll(MEDIA));
  // Count pictures, not the parts of one (<picture><img></picture>, an <svg>'s own children).
  const images = media.filter((el) => !el.parentElement?.closest(MEDIA)).length;
  for (const el of media) el.remove();
  // Innermost first: a table in a cell becomes paragraphs that the outer cell then flattens.
  for (const table of Array.from(doc.body.querySelectorAll('table')).reverse()) {
    table.replaceWith(...tableParagraphs(doc, table as HTMLTableElement));
  }
  return { html: doc.body.innerHTML, images };
}

function tableParagraphs(doc: Document, table: HTMLTableElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  const caption = table.caption;
  if (caption && caption.textContent?.trim()) {
    const p = doc.createElement('p');
    p.append(inlineContent(doc, caption));
    out.push(p);
  }
  for (const row of Array.from(table.rows)) {
    const cells = Array.from(row.cells);
    if (!cells.some((cell) => cell.textContent?.trim())) continue;
    const p = doc.createElement('p');
    cells.forEach((cell, i) => {
      if (i > 0) p.append(CELL_SEPARATOR);
      // An empty cell keeps its place, so the values stay under their headings.
      const content: Node = cell.textContent?.trim() ? inlineContent(doc, cell) : doc.createTextNode('–');
      if (cell.tagName === 'TH') {
        const strong = doc.createElement('strong');
        strong.append(content);
        p.append(strong);
      } else p.append(content);
    });
    out.push(p);
  }
  return out;
}

/** A cell's content as inline content: its blocks and line breaks become spaces. */
function inlineContent(doc: Document, cell: HTMLElement): HTMLElement {
  const span = doc.createElement('span');
  span.append(...Array.from(cell.childNodes));
  for (const br of Array.from(span.querySelectorAll('br'))) br.replaceWith(' ');
  for (const block of Array.from(span.querySelectorAll(CELL_BLOCKS)).reverse()) block.replaceWith(...Array.from(block.childNodes), ' ');
  return span;
}

/** What a clipboard or drop carries, as far as deciding goes. */
export interface TransferSummary {
  types: readonly string[];
  files: readonly { type: string }[];
}

/** Image files and no text to paste in their place (a screenshot, a photo from the desktop). */
export function onlyImageFiles(transfer: TransferSummary): boolean {
  const hasText = transfer.types.includes('text/html') || transfer.types.includes('text/plain');
  return !hasText && transfer.files.some((f) => f.type.startsWith('image/'));
}

function summary(transfer: DataTransfer): TransferSummary {
  return { types: Array.from(transfer.types), files: Array.from(transfer.files) };
}

export interface ArticlePasteOptions {
  /** Tells the person what a paste could not bring in. */
  onNotice: (message: string) => void;
}

export const ArticlePaste = Extension.create<ArticlePasteOptions>({
  name: 'copydeskPaste',
  addOptions: () => ({ onNotice: () => undefined }),
  addProseMirrorPlugins() {
    const notice = (message: string) => this.options.onNotice(message);
    const refuseImages = (transfer: DataTransfer | null | undefined): boolean => {
      if (!transfer || !onlyImageFiles(summary(transfer))) return false;
      notice(IMAGE_FILE_NOTICE);
      return true;
    };
    return [
      new Plugin({
        key: new PluginKey('copydeskPaste'),
        props: {
          transformPastedHTML: (html) => {
            const cleaned = cleanPastedHTML(html);
            if (cleaned.images > 0) notice(IMAGES_NOTICE);
            return cleaned.html;
          },
          handlePaste: (_view, event) => refuseImages(event.clipboardData),
          handleDrop: (_view, event) => refuseImages((event as DragEvent).dataTransfer),
        },
      }),
    ];
  },
});
