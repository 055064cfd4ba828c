/**
 * Becoming someone in the app: the only place that knows how. The person's account exists
 * (accounts.ts creates it through the admin API); this signs in through the login page, as a
 * person would.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Person } from './people.js';

/** Makes `context` act as `person` from now on; returns a page of that context, on the desk. */
export async function signIn(context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByTestId('login-email').fill(person.email);
  await page.getByTestId('login-password').fill(person.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toContainText(person.name);
  return page;
}
