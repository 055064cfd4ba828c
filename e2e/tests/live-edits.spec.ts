/**
 * The publishing edges a newsroom feels: a scheduled story that cannot go out says so, on the
 * desk and in the editor, and goes out once fixed; a published story edited shows "Unpublished
 * changes", and "Publish update" shows what changes before it goes.
 */
import type { Page } from '@playwright/test';
import { keepScreenshot } from '../support/artifacts.js';
import { expect, test } from '../support/fixtures.js';
import { people } from '../support/people.js';
import { ArticleWorkflow } from '../support/workflow.js';

// Scheduler ticks, a transition's versions and render on a shared machine: more than the default minute.
test.describe.configure({ timeout: 240_000 });

/** Schedules over REST as the person signed in on `page` (the dialog's time picker is minutes, too coarse here). */
async function scheduleIn(page: Page, articleId: string, ms: number): Promise<void> {
  const origin = new URL(page.url()).origin;
  const res = await page.context().request.post(`/api/articles/${encodeURIComponent(articleId)}/transitions`, {
    data: { action: 'schedule', publishAt: new Date(Date.now() + ms).toISOString() },
    headers: { origin },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test('a scheduled story whose headline was deleted says "Schedule failed" on the desk and in the editor, and goes out once fixed', async ({
  ben,
  openSession,
}, testInfo) => {
  const cleo = await openSession(people.cleo);
  const editor = await ben.desk.newArticle();
  const id = editor.articleId;
  await editor.typeInHeadline('Night buses return on Monday');
  await editor.typeInBody('Routes 4 and 9 run all night again from Monday.');
  await editor.expectSaved();
  const flow = new ArticleWorkflow(ben.page);
  await flow.take('submit');
  await flow.take('approve');
  await scheduleIn(ben.page, id, 2500);
  await flow.expectStatus('Scheduled');

  // Someone clears the headline before the time comes.
  await editor.headline.click();
  await ben.page.keyboard.press('ControlOrMeta+A');
  await ben.page.keyboard.press('Backspace');
  await editor.expectSaved();

  await cleo.desk.goto();
  const failure = ben.page.getByTestId('schedule-failure');
  await expect(failure).toContainText('Schedule failed: Write a headline before publishing.', { timeout: 30_000 });
  await flow.expectStatus('Scheduled');
  const card = cleo.desk.card(id);
  await expect(card.getByTestId('card-alert')).toHaveText('Schedule failed: Write a headline before publishing.');
  await keepScreenshot(testInfo, 'schedule-failed-editor', ben.page);
  await keepScreenshot(testInfo, 'schedule-failed-desk', cleo.page);

  // Fixed: it goes out by itself, and the alert goes from both.
  await editor.typeInHeadline('Night buses return on Monday');
  await flow.expectStatus('Published');
  await expect(failure).toBeHidden();
  await expect(card.getByTestId('card-alert')).toBeHidden();
  await expect(card).toHaveAttribute('data-status', 'published');
});

test('editing a published story shows "Unpublished changes"; "Publish update" shows what changes before it goes', async ({ ben, openSession }, testInfo) => {
  const cleo = await openSession(people.cleo);
  const editor = await ben.desk.newArticle();
  const id = editor.articleId;
  await editor.typeInHeadline('Council approves the budget');
  await editor.typeInBody('The vote was 7 to 2.');
  await editor.expectSaved();
  const flow = new ArticleWorkflow(ben.page);
  await flow.take('submit');
  await flow.take('approve');
  await flow.take('publish');
  await flow.expectStatus('Published');
  const pill = ben.page.getByTestId('unpublished-changes');
  await expect(pill).toBeHidden();

  await cleo.desk.goto();
  const card = cleo.desk.card(id);
  await expect(card).toHaveAttribute('data-status', 'published');

  await editor.typeInBody(' Two members abstained.');
  await editor.expectSaved();
  await expect(pill).toHaveText('Unpublished changes');
  await expect(card.getByTestId('card-alert')).toHaveText('Unpublished changes');
  await keepScreenshot(testInfo, 'unpublished-changes-desk', cleo.page);

  await flow.action('update').click();
  await expect(flow.dialog).toBeVisible();
  const preview = ben.page.getByTestId('update-preview');
  await expect(preview.getByTestId('diff-ins')).toContainText('Two members abstained.');
  await keepScreenshot(testInfo, 'publish-update-diff', ben.page);
  await flow.note.fill('An earlier version did not mention the abstentions.');
  await flow.confirm.click();
  await expect(flow.dialog).toBeHidden();
  await expect(pill).toBeHidden();
  await expect(card.getByTestId('card-alert')).toBeHidden();
});
