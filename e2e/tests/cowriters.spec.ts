/**
 * Putting people on a story from the browser: a writer adds a co-writer, whose open page becomes
 * the editor without a reload; a stranger asks for access, an editor grants it from the editor,
 * and the stranger's page opens the article by itself. And a person an administrator moves to
 * another role is told why they were signed out.
 */
import { expect, test } from '../support/fixtures.js';
import { keepScreenshot } from '../support/artifacts.js';
import { EditorPage } from '../support/editor-page.js';
import type { Person } from '../support/people.js';
import { EditorSidebarPanel } from '../support/workflow.js';

const dev: Person = { name: 'Dev Mistry', email: 'dev@copydesk.test', password: 'dev e2e password', role: 'writer' };
const fay: Person = { name: 'Fay Ndlovu', email: 'fay@copydesk.test', password: 'fay e2e password', role: 'writer' };
const gil: Person = { name: 'Gil Moreau', email: 'gil@copydesk.test', password: 'gil e2e password', role: 'writer' };

// Two or three people sign in per test (each a password hash) on a machine that may be busy.
test.describe.configure({ timeout: 180_000 });

test('a writer adds a co-writer, whose open page becomes the editor at once', async ({ ada, openSession }, testInfo) => {
  // Dev, another writer, is in the newsroom before Ada starts the story.
  const devSession = await openSession(dev);
  const adaEditor = await ada.desk.newArticle();
  await adaEditor.headline.fill('Night buses: the routes that vanish');
  await adaEditor.typeInBody('Three routes stop before midnight.');
  const articleId = adaEditor.articleId;

  // He has the link but is not on the story.
  await devSession.page.goto(`/articles/${articleId}`);
  await expect(devSession.page.getByTestId('no-access')).toHaveAttribute('data-reason', 'forbidden');

  // Ada adds him from Details: writers add co-writers, they do not take anyone off.
  const sidebar = new EditorSidebarPanel(ada.page);
  await sidebar.open('details');
  const assignees = ada.page.getByTestId('assignees');
  await assignees.getByTestId('assignee-add').selectOption({ label: `${dev.name} (writer)` });
  await expect(assignees.getByTestId('assignee').filter({ hasText: dev.name })).toBeVisible();
  await expect(assignees.getByRole('button', { name: /^Unassign/ })).toHaveCount(0);
  await keepScreenshot(testInfo, 'cowriter-added-by-writer', ada.page);

  // Dev's page turns into the editor by itself, and the two write together.
  const devEditor = new EditorPage(devSession.page);
  await devEditor.expectLive();
  await expect(devEditor.headline).toHaveValue('Night buses: the routes that vanish');
  await devEditor.typeInBody(' Dev checked the timetables.');
  await expect(adaEditor.body).toContainText('Dev checked the timetables.');
  await keepScreenshot(testInfo, 'cowriter-editor-live', devSession.page);

  // The History tab says who added whom.
  await sidebar.open('history');
  await expect(sidebar.entries.first()).toContainText(dev.name);
});

test('a stranger asks for access, an editor grants it, and the stranger gets the editor', async ({ ben, openSession }, testInfo) => {
  const benEditor = await ben.desk.newArticle();
  await benEditor.headline.fill('Harbour fire: what the inspectors found');
  const articleId = benEditor.articleId;

  const faySession = await openSession(fay);
  const fayPage = faySession.page;
  await fayPage.goto(`/articles/${articleId}`);
  const notice = fayPage.getByTestId('no-access');
  await expect(notice).toHaveAttribute('data-reason', 'forbidden');
  // The note is limited and shown back as text, never as markup.
  await fayPage.getByTestId('ask-access-message').fill('I covered the <b>last</b> inspection — can I help?');
  await keepScreenshot(testInfo, 'ask-for-access-form', fayPage);
  await fayPage.getByTestId('ask-access-submit').click();
  await expect(fayPage.getByTestId('ask-access-sent')).toBeVisible();
  await keepScreenshot(testInfo, 'ask-for-access-sent', fayPage);

  // Ben, in the editor, sees the request arrive live.
  const request = ben.page.getByTestId('access-request').filter({ hasText: fay.name });
  await expect(request).toBeVisible();
  await expect(request.getByTestId('access-request-note')).toHaveText('“I covered the <b>last</b> inspection — can I help?”');
  await keepScreenshot(testInfo, 'access-request-in-editor', ben.page);

  // On the desk too, with the headline.
  const deskTab = await ben.context.newPage();
  await deskTab.goto('/');
  const onDesk = deskTab.getByTestId('access-request').filter({ hasText: fay.name });
  await expect(onDesk).toContainText('Harbour fire: what the inspectors found');
  await keepScreenshot(testInfo, 'access-request-on-desk', deskTab);
  await deskTab.close();

  await request.getByTestId('access-grant').click();
  await expect(ben.page.getByTestId('access-requests')).toHaveCount(0);

  // Fay's page becomes the editor without a reload.
  const fayEditor = new EditorPage(fayPage);
  await fayEditor.expectLive();
  await expect(fayEditor.headline).toHaveValue('Harbour fire: what the inspectors found');
  await keepScreenshot(testInfo, 'access-granted-editor', fayPage);
});

test('a writer made an editor is signed out and told why', async ({ openSession, adminApi }, testInfo) => {
  const gilSession = await openSession(gil);
  const gilEditor = await gilSession.desk.newArticle();
  await gilEditor.headline.fill('Market day');

  const users = (await (await adminApi.get('/api/users')).json()) as { users: { id: string; email: string }[] };
  const gilId = users.users.find((u) => u.email === gil.email)!.id;
  expect((await adminApi.patch(`/api/users/${gilId}`, { data: { role: 'editor' } })).status()).toBe(200);

  await expect(gilSession.page).toHaveURL(/\/login/);
  await expect(gilSession.page.getByTestId('login-notice')).toContainText('An administrator changed your role from writer to editor');
  await keepScreenshot(testInfo, 'signed-out-role-changed', gilSession.page);
  // Restore the account for reruns against the same database.
  expect((await adminApi.patch(`/api/users/${gilId}`, { data: { role: 'writer' } })).status()).toBe(200);
});
