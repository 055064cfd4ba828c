/**
 * The workflow in the editor as a person uses it: the status pill, the action buttons (exactly
 * what the server allows), the dialog an action may open, the read-only banner and the change
 * request notice. Also the editor sidebar's tabs.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type ActionName = 'submit' | 'request_changes' | 'approve' | 'reopen' | 'schedule' | 'publish' | 'update' | 'unpublish';

export class ArticleWorkflow {
  readonly statusPill: Locator;
  readonly actions: Locator;
  readonly readOnlyBanner: Locator;
  readonly changeRequest: Locator;
  readonly dialog: Locator;
  readonly note: Locator;
  readonly confirm: Locator;
  readonly dialogError: Locator;
  readonly error: Locator;
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    this.statusPill = page.getByTestId('status-pill');
    this.actions = page.locator('[data-testid^="action-"]');
    this.readOnlyBanner = page.getByTestId('readonly-banner');
    this.changeRequest = page.getByTestId('change-request');
    this.dialog = page.getByTestId('transition-dialog');
    this.note = page.getByTestId('transition-note');
    this.confirm = page.getByTestId('transition-confirm');
    this.dialogError = page.getByTestId('transition-error');
    this.error = page.getByTestId('workflow-error');
    this.toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  }

  action(name: ActionName): Locator {
    return this.page.getByTestId(`action-${name}`);
  }

  async expectStatus(label: string): Promise<void> {
    await expect(this.statusPill).toContainText(label);
  }

  /** The bar offers exactly these actions. */
  async expectActions(...names: ActionName[]): Promise<void> {
    await expect
      .poll(async () => (await this.actions.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).sort())
      .toEqual(names.map((n) => `action-${n}`).sort());
  }

  /**
   * Takes an action; fills in and confirms its dialog when it opens one (approving asks only
   * when comment threads are open; unpublishing needs a reason, given when none is).
   */
  async take(name: ActionName, input: { note?: string } = {}): Promise<void> {
    await this.action(name).click();
    if (name === 'reopen') return;
    if (name === 'approve') {
      // The dialog element stays in the page, closed, after an earlier action: only an open one counts.
      const asking = this.page.locator('dialog[data-testid="transition-dialog"][open]');
      await expect(asking.or(this.statusPill.filter({ hasText: 'Approved' }))).toBeVisible();
      if (!(await asking.isVisible())) return;
    }
    await expect(this.dialog).toBeVisible();
    if (name === 'unpublish' && input.note === undefined) input = { note: 'Taken down for the test.' };
    if (input.note !== undefined) await this.note.fill(input.note);
    await this.confirm.click();
    await expect(this.dialog).toBeHidden();
  }
}

export class EditorSidebarPanel {
  readonly entries: Locator;

  constructor(readonly page: Page) {
    this.entries = page.getByTestId('audit-entry');
  }

  tab(id: string): Locator {
    return this.page.getByTestId(`sidebar-tab-${id}`);
  }

  async open(id: string): Promise<void> {
    await this.tab(id).click();
    await expect(this.tab(id)).toHaveAttribute('aria-selected', 'true');
    await expect(this.page.getByTestId(`sidebar-panel-${id}`)).toBeVisible();
  }

  field(testid: string): Locator {
    return this.page.getByTestId(testid);
  }

  /** Types into a Details field and leaves it (which saves), then waits for "Saved". */
  async setField(testid: string, value: string, saveKey: string): Promise<void> {
    await this.field(testid).fill(value);
    await this.field(testid).press('Enter');
    await expect(this.page.getByTestId(`save-${saveKey}`)).toHaveText('Saved');
  }
}
