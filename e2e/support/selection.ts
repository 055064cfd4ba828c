/**
 * Selecting words in the editor's body the way a drag of the mouse would end up: a DOM
 * selection over exactly those characters, which ProseMirror adopts (also when the body is
 * read-only). Works across the spans that highlights and carets split the text into.
 */
import { expect, type Locator } from '@playwright/test';

/** Selects the `nth` occurrence of `text` inside `root` (caret labels of other people excluded). */
export async function selectText(root: Locator, text: string, nth = 0): Promise<void> {
  await expect(root).toContainText(text);
  const ok = await root.evaluate(
    (el, { text, nth }) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.parentElement?.closest('.collaboration-carets__caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data).join('');
      let at = -1;
      for (let i = 0; i <= nth; i++) at = all.indexOf(text, at + 1);
      if (at < 0) return false;
      const locate = (offset: number, end: boolean): [Text, number] => {
        let seen = 0;
        for (const n of nodes) {
          if (offset < seen + n.data.length || (end && offset === seen + n.data.length)) return [n, offset - seen];
          seen += n.data.length;
        }
        const last = nodes[nodes.length - 1]!;
        return [last, last.data.length];
      };
      const range = document.createRange();
      range.setStart(...locate(at, false));
      range.setEnd(...locate(at + text.length, true));
      if (el instanceof HTMLElement && el.isContentEditable) el.focus();
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    },
    { text, nth },
  );
  expect(ok, `"${text}" in the body`).toBe(true);
}
