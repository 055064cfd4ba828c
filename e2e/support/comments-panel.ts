/**
 * Comments in the editor: the Comment button over selected words, the Comments tab of the
 * sidebar (composer, threads, replies, resolve), and the highlighted passages in the body.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { selectText } from './selection.js';

export class CommentsPanel {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly button: Locator;
  readonly input: Locator;
  readonly submit: Locator;
  readonly threads: Locator;
  /** Highlighted passages in the body (one element per run of text, as ProseMirror draws them). */
  readonly highlights: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('sidebar-tab-comments');
    this.panel = page.getByTestId('sidebar-panel-comments');
    this.button = page.getByTestId('comment-button');
    this.input = page.getByTestId('comment-input');
    this.submit = page.getByTestId('comment-submit');
    this.threads = this.panel.getByTestId('comment-thread');
    this.highlights = page.getByTestId('editor').getByTestId('comment-highlight');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.panel).toBeVisible();
  }

  /** Selects `words` in the body and comments on them with the Comment button. */
  async commentOn(words: string, body: string): Promise<Locator> {
    await selectText(this.page.getByTestId('editor'), words);
    await this.button.click();
    return this.post(words, body);
  }

  /** Writes and posts the comment the composer was opened for; returns its thread. */
  async post(words: string, body: string): Promise<Locator> {
    await expect(this.panel.getByTestId('comment-draft')).toContainText(words);
    await expect(this.input).toBeFocused();
    await this.input.fill(body);
    await this.submit.click();
    const thread = this.thread(body);
    await expect(thread).toBeVisible();
    await expect(this.panel.getByTestId('comment-draft')).toHaveCount(0);
    return thread;
  }

  /** The thread that contains this text (its quote or any comment). */
  thread(text: string): Locator {
    return this.threads.filter({ hasText: text });
  }

  async reply(thread: Locator, body: string): Promise<void> {
    await thread.getByTestId('comment-reply').fill(body);
    await thread.getByTestId('comment-reply-submit').click();
    await expect(thread.getByTestId('comment-body').filter({ hasText: body })).toBeVisible();
  }

  /** The highlighted text of a thread in the body, all its runs joined. */
  async highlightedText(threadId: string): Promise<string> {
    const runs = this.page.locator(`[data-testid="editor"] [data-testid="comment-highlight"][data-thread-id="${threadId}"]`);
    return (await runs.allTextContents()).join('');
  }
}
