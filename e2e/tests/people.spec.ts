/**
 * Managing people, end to end: an administrator adds a reporter on the People page, renames
 * them, makes them an editor, resets their password; the reporter signs in with it and changes
 * it from the account menu; disabling the account signs them out and keeps them out.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { expect, test } from '../support/fixtures.js';
import { admin } from '../support/people.js';
import { signIn } from '../support/sign-in.js';

test('an administrator adds, renames, promotes and resets a person, who changes the password and is later disabled', async ({
  openSession,
  browser,
}, testInfo) => {
  const email = `noor.${Date.now()}@copydesk.test`;
  const adminSession = await openSession(admin);
  const page = adminSession.page;
  await page.getByTestId('nav-people').click();

  // Add: the dialog, then the row.
  await page.getByTestId('person-create').click();
  await page.getByTestId('person-email').fill(email);
  await page.getByTestId('person-name').fill('Noor Haddad');
  await page.getByTestId('person-role').selectOption('writer');
  await page.getByTestId('person-password').fill('first password 2026');
  await keepScreenshot(testInfo, 'people-add-dialog', page);
  await page.getByTestId('person-submit').click();
  await expect(page.getByTestId('person-added')).toContainText('Noor Haddad');
  const row = page.locator(`[data-testid="people-row"][data-email="${email}"]`);
  await expect(row).toHaveAttribute('data-role', 'writer');

  // Rename, and make an editor.
  await row.getByTestId('row-edit').click();
  await page.getByTestId('person-edit-name').fill('Noor Haddad-Ali');
  await page.getByTestId('person-edit-submit').click();
  await expect(row).toContainText('Noor Haddad-Ali');
  await row.getByTestId('row-role').selectOption('editor');
  // Changing someone's role signs them out: asked first.
  await expect(page.getByRole('dialog')).toContainText('signed out');
  await page.getByTestId('confirm-ok').click();
  await expect(row).toHaveAttribute('data-role', 'editor');

  // Reset the password: it is shown once, to hand over.
  await row.getByTestId('row-reset-password').click();
  await page.getByTestId('reset-password-generate').click();
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('reset-done')).toBeVisible();
  const handedOver = (await page.getByTestId('reset-password-value').textContent())!.trim();
  expect(handedOver.length).toBeGreaterThanOrEqual(10);
  await keepScreenshot(testInfo, 'people-reset-done', page);
  await page.keyboard.press('Escape');

  // Noor signs in with it, and changes it from the account menu.
  const context = await browser.newContext();
  try {
    const noor = await signIn(context, { email, password: handedOver, name: 'Noor Haddad-Ali', role: 'editor' });
    await noor.getByTestId('user-menu').click();
    await noor.getByTestId('change-password').click();
    await noor.getByTestId('password-current').fill(handedOver);
    await noor.getByTestId('password-new').fill('my own password 2026');
    await noor.getByTestId('password-confirm').fill('my own password 2026');
    await noor.getByTestId('password-submit').click();
    await expect(noor.getByTestId('password-changed')).toBeVisible();

    // Disabled by the administrator: signed out, and the old and new passwords no longer open it.
    await row.getByTestId('row-toggle-disabled').click();
    await page.getByTestId('confirm-ok').click();
    await expect(row).toHaveAttribute('data-disabled', 'true');
    await noor.reload();
    await expect(noor).toHaveURL(/\/login/);
    await noor.getByTestId('login-email').fill(email);
    await noor.getByTestId('login-password').fill('my own password 2026');
    await noor.getByTestId('login-submit').click();
    await expect(noor.getByRole('alert')).toBeVisible();
    await expect(noor).toHaveURL(/\/login/);
  } finally {
    await context.close();
  }
});
