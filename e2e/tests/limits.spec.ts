/**
 * A change the server will not store, seen from the editor: a paste that would take the article
 * past its size limit (MAX_DOCUMENT_BYTES, 256 KB on the e2e server) is refused, the writer is
 * told why, and can drop it to get back to the saved article. Nobody else ever sees it.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { EditorPage } from '../support/editor-page.js';
import { expect, test } from '../support/fixtures.js';

test('a paste past the size limit is refused, explained, and can be discarded', async ({ ada, ben }, testInfo) => {
  const adaEditor = await ada.desk.newArticle();
  await adaEditor.typeInHeadline('Budget in full');
  await adaEditor.typeInBody('The summary stays.');
  await expect(adaEditor.saveState).toHaveText('All changes saved');
  const benEditor = await EditorPage.open(ben.page, adaEditor.articleId);
  await expect(benEditor.body).toContainText('The summary stays.');

  // 300 KB of appendix pasted at the end of the body.
  await adaEditor.body.click();
  await ada.page.keyboard.press('ControlOrMeta+End');
  await adaEditor.body.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Line item and amount. '.repeat(14_000));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(adaEditor.saveState).toHaveText('Not saved: This change would make the article larger than 256 KB.');
  const discard = ada.page.getByTestId('discard-unsaved');
  await expect(discard).toBeVisible();
  await keepScreenshot(testInfo, 'refused-paste', ada.page);
  // The colleague never gets the refused text.
  await expect(benEditor.body).not.toContainText('Line item and amount.');

  ada.page.once('dialog', (dialog) => void dialog.accept());
  await discard.click();
  const reopened = new EditorPage(ada.page);
  await reopened.expectLive();
  await expect(reopened.body).toContainText('The summary stays.');
  await expect(reopened.body).not.toContainText('Line item and amount.');
  await expect(reopened.saveState).toHaveText('All changes saved');
  // Editing goes on as normal.
  await reopened.typeInBody(' With a note.');
  await expect(reopened.saveState).toHaveText('All changes saved');
  await expect(benEditor.body).toContainText('With a note.');
});
