/**
 * Becoming someone in the app. The only place that knows how: today a visitor types a display
 * name (and picks a colour) in the first-visit dialog, kept in the browser's localStorage; when
 * accounts arrive this logs in through the login page instead, and no spec changes.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Person } from './people.js';

/** Makes `context` act as `person` from now on; returns a page of that context, on the desk. */
export async function signIn(context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Welcome to Copydesk' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('display-name').fill(person.name);
  await dialog.getByTitle(person.color, { exact: true }).click();
  await expect(dialog.getByRole('radio', { name: `Colour ${person.color}` })).toBeChecked();
  await dialog.getByTestId('display-name-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('change-name')).toContainText(person.name);
  return page;
}
