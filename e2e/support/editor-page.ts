/**
 * The article editor (/articles/:id) as a person uses it: the headline, dek and body fields,
 * who else is here, their carets, the word count and the connection pill.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Person } from './people.js';

export type ConnectionState = 'connecting' | 'syncing' | 'connected' | 'offline' | 'closed';

export class EditorPage {
  readonly headline: Locator;
  readonly dek: Locator;
  /** The ProseMirror element. Its text includes other people's caret labels (inline DOM). */
  readonly body: Locator;
  readonly connection: Locator;
  /** "Saving…" / "All changes saved" beside the pill while live (the retry countdown while offline). */
  readonly saveState: Locator;
  readonly presence: Locator;
  readonly wordCount: Locator;

  constructor(readonly page: Page) {
    this.headline = page.getByTestId('headline');
    this.dek = page.getByTestId('dek');
    this.body = page.getByTestId('editor');
    this.connection = page.getByTestId('connection-status');
    this.saveState = this.connection.getByTestId('connection-detail');
    this.presence = page.getByTestId('presence');
    this.wordCount = page.getByTestId('word-count');
  }

  /** Opens an article by its address, as someone given a link would. */
  static async open(page: Page, articleId: string): Promise<EditorPage> {
    await page.goto(`/articles/${encodeURIComponent(articleId)}`);
    const editor = new EditorPage(page);
    await editor.expectLive();
    return editor;
  }

  get articleId(): string {
    const id = new URL(this.page.url()).pathname.match(/^\/articles\/([^/]+)$/)?.[1];
    if (!id) throw new Error(`Not on an article page: ${this.page.url()}`);
    return decodeURIComponent(id);
  }

  /** Waits until the editor is on screen and synced with the server. */
  async expectLive(): Promise<void> {
    await expect(this.body).toBeVisible();
    await this.expectConnection('connected');
  }

  async expectConnection(state: ConnectionState): Promise<void> {
    await expect(this.connection).toHaveAttribute('data-state', state);
  }

  /** Waits until the server has confirmed every edit ("All changes saved"). */
  async expectSaved(): Promise<void> {
    await expect(this.saveState).toContainText('All changes saved');
  }

  /** Types at the end of the headline. */
  async typeInHeadline(text: string): Promise<void> {
    await this.typeAtEnd(this.headline, text);
  }

  /** Types at the end of the dek. */
  async typeInDek(text: string): Promise<void> {
    await this.typeAtEnd(this.dek, text);
  }

  /** Types at the end of the body, in a new paragraph when asked (Enter first). */
  async typeInBody(text: string, { newParagraph = false } = {}): Promise<void> {
    await this.body.click();
    // On a loaded machine the key press could beat the focus, and the caret stayed where the
    // click put it (seen in CI: a new paragraph typed at the start of the first one).
    await expect(this.body).toBeFocused();
    await this.page.keyboard.press('ControlOrMeta+End');
    await expect
      .poll(() => this.body.evaluate((root) => {
        const sel = root.ownerDocument.getSelection();
        if (!sel || sel.rangeCount === 0) return false;
        const end = root.ownerDocument.createRange();
        end.selectNodeContents(root);
        end.collapse(false);
        const range = sel.getRangeAt(0);
        // At the end when no text follows the caret inside the body (other people's caret
        // labels, inline DOM, do not count).
        const after = root.ownerDocument.createRange();
        after.setStart(range.endContainer, range.endOffset);
        after.setEnd(end.endContainer, end.endOffset);
        const rest = after.cloneContents();
        rest.querySelectorAll('[class*="collaboration-carets"]').forEach((el) => el.remove());
        return (rest.textContent ?? '').length === 0;
      }))
      .toBe(true);
    if (newParagraph) await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
  }

  /** The body's text, one line per block, without other people's caret labels. */
  async bodyText(): Promise<string> {
    return this.body.evaluate((root) => {
      const copy = root.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return [...copy.children].map((block) => block.textContent ?? '').join('\n');
    });
  }

  /** Someone else's caret in the body, found by the name on its label. */
  caretOf(person: Person): Locator {
    return this.body
      .locator('.collaboration-carets__caret')
      .filter({ has: this.page.locator('.collaboration-carets__label', { hasText: person.name }) });
  }

  /** The presence list shows exactly these people (the local one marked as self). */
  async expectPresent(self: Person, ...others: Person[]): Promise<void> {
    const items = this.presence.locator('[data-client-id]');
    await expect(items).toHaveCount(1 + others.length);
    await expect(items.and(this.page.locator('[data-self="true"]'))).toContainText(self.name);
    for (const other of others) {
      await expect(items.filter({ hasText: other.name }).and(this.page.locator(':not([data-self])'))).toHaveCount(1);
    }
  }

  /** Back to the desk with the editor's own link (closes this article's connection). */
  async backToDesk(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to the desk' }).first().click();
    await expect(this.page).toHaveURL(/\/$/);
  }

  private async typeAtEnd(field: Locator, text: string): Promise<void> {
    await field.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.type(text);
  }
}
