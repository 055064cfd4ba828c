/** The Versions tab of the editor's sidebar and its review dialog (preview, compare, restore). */
import { expect, type Locator, type Page } from '@playwright/test';

export class VersionsPanel {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly rows: Locator;
  readonly dialog: Locator;
  readonly inserted: Locator;
  readonly deleted: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('sidebar-tab-versions');
    this.panel = page.getByTestId('sidebar-panel-versions');
    this.rows = this.panel.getByTestId('version-row');
    this.dialog = page.getByTestId('review-dialog');
    this.inserted = this.dialog.getByTestId('diff-ins');
    this.deleted = this.dialog.getByTestId('diff-del');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.panel).toBeVisible();
  }

  /** Opens the comparison of the last submitted version with the text now (editors). */
  async changesSinceSubmitted(): Promise<void> {
    const button = this.panel.getByTestId('review-since-submitted');
    await expect(button).toBeEnabled();
    await button.click();
    await expect(this.dialog.getByTestId('comparison')).toBeVisible();
  }

  async saveVersion(name: string): Promise<void> {
    await this.panel.getByTestId('version-name').fill(name);
    await this.panel.getByTestId('version-save').click();
    await expect(this.rows.filter({ hasText: name })).toBeVisible();
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  async closeDialog(): Promise<void> {
    await this.dialog.getByTestId('review-close').click();
    await expect(this.dialog).toBeHidden();
  }
}
