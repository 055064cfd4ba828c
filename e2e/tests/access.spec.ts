/**
 * Who may open what, as people meet it in the browser: a writer following a link to a story
 * that is not theirs gets a clear page, not a blank editor; assigning them opens it.
 */
import { expect, test } from '../support/fixtures.js';
import { keepScreenshot } from '../support/artifacts.js';
import { EditorPage } from '../support/editor-page.js';

test('a writer opening an article that is not theirs gets a clear page, and gets in once assigned', async ({ ada, ben, adminApi }, testInfo) => {
  // Ben (an editor) starts a story; Ada (a writer) is not on it.
  const benEditor = await ben.desk.newArticle();
  await benEditor.headline.fill('Embargoed: the budget leak');
  const articleId = benEditor.articleId;

  await ada.page.goto(`/articles/${articleId}`);
  const notice = ada.page.getByTestId('no-access');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-reason', 'forbidden');
  await expect(ada.page.getByTestId('editor')).toHaveCount(0);
  await expect(notice.getByRole('link', { name: 'Back to the desk' })).toBeVisible();
  await keepScreenshot(testInfo, 'no-access-as-writer', ada.page);

  // The desk does not list it for her either.
  await ada.page.goto('/');
  await expect(ada.page.getByTestId('article-card').filter({ hasText: 'Embargoed' })).toHaveCount(0);

  // An editor assigns her: now she can open and edit it.
  const people = (await (await adminApi.get('/api/users')).json()) as { users: { id: string; email: string }[] };
  const adaId = people.users.find((u) => u.email === ada.person.email)!.id;
  const res = await adminApi.patch(`/api/articles/${articleId}`, { data: { assignees: [adaId] } });
  expect(res.status()).toBe(200);
  const adaEditor = await EditorPage.open(ada.page, articleId);
  await expect(adaEditor.headline).toHaveValue('Embargoed: the budget leak');
});
