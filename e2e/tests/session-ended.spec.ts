/**
 * A session that ends elsewhere (signed out in another tab, disabled by an administrator) sends
 * every open page of it to the sign-in page, with a notice: the desk as well as the editor, and
 * not after a long "Reconnecting".
 */
import { EditorPage } from '../support/editor-page.js';
import { expect, test } from '../support/fixtures.js';

const NOTICE = /Your session ended/;

test('signing out in one tab sends the desk and the editor open in others to the sign-in page', async ({ ada }) => {
  const editor = await ada.desk.newArticle();
  await editor.typeInHeadline('Tram line reopens');
  await expect(editor.saveState).toHaveText('All changes saved');

  const deskTab = await ada.context.newPage();
  await deskTab.goto('/');
  await expect(deskTab.getByTestId('desk-live')).toHaveAttribute('data-live', 'true');

  const other = await ada.context.newPage();
  await other.goto('/');
  await other.getByTestId('user-menu').click();
  await other.getByTestId('logout').click();
  await expect(other).toHaveURL(/\/login/);

  for (const page of [deskTab, editor.page]) {
    await expect(page).toHaveURL(/\/login/, { timeout: 10_000 });
    await expect(page.getByText(NOTICE)).toBeVisible();
  }
});

test('a person disabled while on the desk and in an article is sent to the sign-in page', async ({ ada, adminApi }) => {
  const editor = await ada.desk.newArticle();
  const articleId = editor.articleId;
  const deskTab = await ada.context.newPage();
  await deskTab.goto('/');
  await expect(deskTab.getByTestId('desk-live')).toHaveAttribute('data-live', 'true');

  const users = (await (await adminApi.get('/api/users')).json()) as { users: { id: string; email: string }[] };
  const id = users.users.find((u) => u.email === ada.person.email)!.id;
  const patch = (disabled: boolean) => adminApi.patch(`/api/users/${id}`, { data: { disabled } });
  try {
    expect((await patch(true)).status()).toBe(200);
    for (const page of [deskTab, editor.page]) {
      await expect(page).toHaveURL(/\/login/, { timeout: 10_000 });
      await expect(page.getByText(NOTICE)).toBeVisible();
    }
  } finally {
    expect((await patch(false)).status()).toBe(200);
  }
  // Signing in again reopens the article.
  await editor.page.getByTestId('login-password').fill(ada.person.password);
  await editor.page.getByTestId('login-submit').click();
  await expect(editor.page).toHaveURL(new RegExp(`/articles/${articleId}$`));
  await new EditorPage(editor.page).expectLive();
});
