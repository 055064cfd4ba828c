/**
 * The editor's footer tells the truth about the line: "Connected" only while edits can reach
 * the server. The device going offline shows at once (the browser says so), and a line that
 * stopped carrying anything without closing is found out within seconds, not half a minute.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { expect, test } from '../support/fixtures.js';
import { ArticleWorkflow } from '../support/workflow.js';

test('the footer leaves "Connected" as soon as the device goes offline, and comes back with it', async ({ ada }, testInfo) => {
  const editor = await ada.desk.newArticle();
  await expect(editor.connection).toContainText('Connected');
  // Offline as the browser reports it; Chromium keeps an open WebSocket working regardless.
  await ada.context.setOffline(true);
  await expect(editor.connection).toHaveAttribute('data-state', 'offline', { timeout: 3_000 });
  await expect(editor.connection).toContainText('This device is offline.');
  await editor.typeInBody('Typed in the tunnel.');
  await keepScreenshot(testInfo, 'editor-offline', ada.page);

  // A workflow step cannot reach the server: the submit dialog says so and stays open, so the
  // note is not lost. (Steps without a dialog say it in a full-width strip under the bar.)
  const workflow = new ArticleWorkflow(ada.page);
  await workflow.action('submit').click();
  await expect(workflow.dialog).toBeVisible();
  await workflow.confirm.click();
  await expect(ada.page.getByTestId('transition-error')).toContainText('Cannot reach the server');
  await keepScreenshot(testInfo, 'editor-offline-workflow-error', ada.page);
  await workflow.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(workflow.dialog).toBeHidden();

  await ada.context.setOffline(false);
  await editor.expectConnection('connected');
  await expect(editor.saveState).toHaveText('All changes saved');
});

test('a line that carries nothing any more is found out within seconds', async ({ ada }) => {
  const editor = await ada.desk.newArticle();
  await editor.typeInHeadline('Storm closes the bridge');
  await expect(editor.saveState).toHaveText('All changes saved');
  ada.stall();
  // Saving…, Still saving… (8 s), then offline once a sign of life asked for does not come.
  await expect(editor.connection).toHaveAttribute('data-state', 'offline', { timeout: 25_000 });
  ada.unstall();
  await editor.expectConnection('connected');
  await expect(editor.saveState).toHaveText('All changes saved');
});
