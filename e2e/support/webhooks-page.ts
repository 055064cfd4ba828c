/** The administrators' webhooks pages: endpoints (/admin/webhooks) and one endpoint's deliveries. */
import { expect, type Locator, type Page } from '@playwright/test';

export class WebhooksPage {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly secret: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Webhooks' });
    this.rows = page.getByTestId('webhook-row');
    this.secret = page.getByTestId('webhook-secret');
  }

  /** Opens the page from the header's nav link, as an administrator would. */
  async openFromNav(): Promise<void> {
    await this.page.getByTestId('nav-webhooks').click();
    await expect(this.heading).toBeVisible();
  }

  /**
   * Adds an endpoint for exactly `events` and returns the signing secret as the page shows it
   * once (copied with its Copy button, then read back from the clipboard).
   */
  async create(url: string, events: readonly string[], description = '', whileShown?: () => Promise<unknown>): Promise<string> {
    await this.page.getByTestId('webhook-create').click();
    const form = this.page.getByTestId('webhook-form');
    await expect(form).toBeVisible();
    await form.getByTestId('webhook-url').fill(url);
    for (const box of await form.locator('[data-testid^="webhook-event-"]').all()) {
      const name = (await box.getAttribute('data-testid'))!.replace('webhook-event-', '');
      await box.setChecked(events.includes(name));
    }
    if (description) await form.getByTestId('webhook-description').fill(description);
    await form.getByTestId('webhook-submit').click();
    await expect(this.secret).toBeVisible();
    await expect(this.page.getByText("you won't see it again")).toBeVisible();
    const shown = await this.secret.inputValue();
    await whileShown?.();
    await this.page.getByTestId('webhook-secret-copy').click();
    await expect(this.page.getByTestId('webhook-secret-copy')).toHaveText('Copied');
    const copied = await this.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await this.page.getByTestId('webhook-secret-done').click();
    await expect(this.secret).toBeHidden();
    await expect(this.row(url)).toBeVisible();
    return copied;
  }

  row(url: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('webhook-row-url').getByText(url, { exact: true }) });
  }

  async openDeliveries(url: string): Promise<DeliveriesPage> {
    await this.row(url).getByTestId('webhook-deliveries').click();
    const deliveries = new DeliveriesPage(this.page);
    await expect(deliveries.heading).toBeVisible();
    return deliveries;
  }
}

export class DeliveriesPage {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly showOlder: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Deliveries' });
    this.rows = page.getByTestId('delivery-row');
    this.showOlder = page.getByTestId('deliveries-older');
  }

  /** Deliveries about an article, by the headline the table shows. */
  about(headline: string): Locator {
    return this.rows.filter({ hasText: headline });
  }
}
