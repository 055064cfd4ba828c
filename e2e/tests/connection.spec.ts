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

  // A workflow step cannot reach the server: said across the page under the bar, not in a box
  // over the panel's tabs.
  const workflow = new ArticleWorkflow(ada.page);
  await workflow.action('submit').click();
  await expect(workflow.dialog).toBeVisible();
  await workflow.confirm.click();
  await expect(workflow.error).toContainText('Cannot reach the server');
  const strip = (await workflow.error.boundingBox())!;
  expect(strip.x).toBe(0);
  expect(strip.width).toBe(ada.page.viewportSize()!.width);
  const tab = (await ada.page.getByTestId('sidebar-tab-details').boundingBox())!;
  expect(tab.y).toBeGreaterThanOrEqual(strip.y + strip.height);
  await keepScreenshot(testInfo, 'editor-offline-workflow-error', ada.page);
  await workflow.error.getByRole('button', { name: 'Dismiss' }).click();

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
