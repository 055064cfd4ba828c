/** The desk (/): the articles in columns by workflow stage, the filters, and the New article button. */
import { expect, type Locator, type Page } from '@playwright/test';
import { EditorPage } from './editor-page.js';

export class DeskPage {
  readonly heading: Locator;
  readonly newArticleButton: Locator;
  readonly cards: Locator;
  readonly board: Locator;
  /** Says whether the live event stream is connected (`data-live`). */
  readonly live: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Desk' });
    this.newArticleButton = page.getByTestId('new-article');
    this.cards = page.getByTestId('article-card');
    this.board = page.getByTestId('desk-board');
    this.live = page.getByTestId('desk-live');
  }

  /** Opens (or reloads) the desk and waits for its columns and the live stream. */
  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
    await expect(this.board.or(this.page.getByText('The desk is clear'))).toBeVisible();
    await expect(this.live).toHaveAttribute('data-live', 'true');
  }

  card(articleId: string): Locator {
    return this.cards.and(this.page.locator(`[data-article-id="${articleId}"]`));
  }

  /** The column for a stage: draft, in_review, approved (with scheduled), published (with unpublished). */
  column(state: 'draft' | 'in_review' | 'approved' | 'published'): Locator {
    return this.page.locator(`[data-testid="desk-column"][data-state="${state}"]`);
  }

  /** Starts a new article and waits for its editor to be live. */
  async newArticle(): Promise<EditorPage> {
    await this.newArticleButton.click();
    await expect(this.page).toHaveURL(/\/articles\/[\w-]+$/);
    const editor = new EditorPage(this.page);
    await editor.expectLive();
    return editor;
  }

  /** Opens an article from its card on the desk. */
  async openArticle(articleId: string): Promise<EditorPage> {
    await this.card(articleId).getByRole('link').click();
    await expect(this.page).toHaveURL(new RegExp(`/articles/${articleId}$`));
    const editor = new EditorPage(this.page);
    await editor.expectLive();
    return editor;
  }
}
