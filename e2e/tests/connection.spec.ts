/**
 * The editor's footer tells the truth about the line: "Connected" only while edits can reach
 * the server. The device going offline shows at once (the browser says so), and a line that
 * stopped carrying anything without closing is found out within seconds, not half a minute.
 */
import { expect, test } from '../support/fixtures.js';

test('the footer leaves "Connected" as soon as the device goes offline, and comes back with it', async ({ ada }) => {
  const editor = await ada.desk.newArticle();
  await expect(editor.connection).toContainText('Connected');
  // Offline as the browser reports it; Chromium keeps an open WebSocket working regardless.
  await ada.context.setOffline(true);
  await expect(editor.connection).toHaveAttribute('data-state', 'offline', { timeout: 3_000 });
  await expect(editor.connection).toContainText('This device is offline.');
  await editor.typeInBody('Typed in the tunnel.');
  await ada.context.setOffline(false);
  await editor.expectConnection('connected');
  await expect(editor.saveState).toHaveText('All changes saved');
});

test('a line that carries nothing any more is found out within seconds', async ({ ada }) => {
  const editor = await ada.desk.newArticle();
  await editor.typeInHeadline('Storm closes the bridge');
  await expect(editor.saveState).toHaveText('All changes saved');
  ada.stall();
  await expect(editor.connection).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  ada.unstall();
  await editor.expectConnection('connected');
  await expect(editor.saveState).toHaveText('All changes saved');
});
