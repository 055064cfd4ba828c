/**
 * A story sent back and resubmitted: the writer answers a change request (a new paragraph, a
 * heading, a list, a link made in the link box at the selected words, a table and a picture
 * pasted in),
 * resubmits, and the editor's "Changes since submitted" shows exactly her answer, drawn as what
 * it is (a heading as a heading, the link's target), not the editor's own edit made during the
 * first review. Also: a headline too long to paste says what it left out.
 *
 * Transitions are set over REST (the workflow buttons are another spec's subject).
 */
import type { Locator, Page } from '@playwright/test';
import { keepScreenshot } from '../support/artifacts.js';
import { EditorPage } from '../support/editor-page.js';
import { expect, test } from '../support/fixtures.js';
import { Rest } from '../support/rest.js';
import { selectText } from '../support/selection.js';
import { VersionsPanel } from '../support/versions-panel.js';

/** Pastes into `target` as a person's Ctrl+V would hand it over: HTML and plain text, or files. */
async function paste(target: Locator, data: { html?: string; text?: string; image?: boolean }): Promise<void> {
  await target.evaluate((el, { html, text, image }) => {
    const transfer = new DataTransfer();
    if (html !== undefined) transfer.setData('text/html', html);
    if (text !== undefined) transfer.setData('text/plain', text);
    if (image) transfer.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'screenshot.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

/** Where the selected text is on screen. */
function selectionBox(page: Page): Promise<{ left: number; bottom: number }> {
  return page.evaluate(() => {
    const rect = getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { left: rect.left, bottom: rect.bottom };
  });
}

test('after a resubmission, "Changes since submitted" shows exactly what the writer changed in answer', async ({ ada, ben }, testInfo) => {
  // A whole review round in two browsers: longer than one step of a spec.
  test.slow();
  // Ada drafts and submits.
  const adaEditor = await ada.desk.newArticle();
  const articleId = adaEditor.articleId;
  await adaEditor.typeInHeadline('Night ferries return to the harbour');
  await adaEditor.typeInBody('The ferry company restores night sailings from Friday.');
  await adaEditor.typeInBody('Tickets cost four euros.', { newParagraph: true });
  await new Rest(ada.page).transition(articleId, 'submit');

  // Ben edits during the review, then sends the story back.
  const benEditor = await EditorPage.open(ben.page, articleId);
  await benEditor.typeInBody('Sailings depend on the weather.', { newParagraph: true });
  await expect.poll(() => adaEditor.bodyText()).toContain('Sailings depend on the weather.');
  await new Rest(ben.page).transition(articleId, 'request_changes', 'Say when the last ferry leaves, and link the timetable.');
  await expect(adaEditor.body).toHaveAttribute('contenteditable', 'true');

  // Ada answers: a paragraph, a heading, a link made in the link box, a pasted table and picture.
  await adaEditor.typeInBody('The last ferry leaves at midnight.', { newParagraph: true });
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('Timetable');
  await ada.page.locator('[data-tool="h2"]').click();
  await ada.page.keyboard.press('End');
  await ada.page.keyboard.press('Enter');
  await paste(adaEditor.body, {
    html: '<table><thead><tr><th>Route</th><th>Last ferry</th></tr></thead><tbody><tr><td>North pier</td><td><p>23:40</p></td></tr><tr><td>South pier</td><td></td></tr></tbody></table>',
    text: 'Route\tLast ferry\nNorth pier\t23:40\nSouth pier\t',
  });
  await expect.poll(() => adaEditor.bodyText()).toContain('Route · Last ferry\nNorth pier · 23:40\nSouth pier · –');
  await expect(adaEditor.body.locator('strong', { hasText: 'Route' })).toHaveCount(1);

  const notice = ada.page.getByTestId('paste-notice');
  await ada.page.keyboard.press('Enter');
  await paste(adaEditor.body, { html: '<p>Map of the routes below.</p><img src="https://example.com/map.png" alt="Map">', text: 'Map of the routes below.' });
  await expect(notice).toHaveText('Images can’t be pasted yet: the text was pasted without them.');
  await expect.poll(() => adaEditor.bodyText()).toContain('South pier · –\nMap of the routes below.');
  // (ProseMirror's own separator images aside.)
  await expect(adaEditor.body.locator('img:not(.ProseMirror-separator)')).toHaveCount(0);
  await paste(adaEditor.body, { image: true });
  await expect(notice).toHaveText('Images can’t be pasted yet.');
  await ada.page.keyboard.press('Enter');
  await ada.page.locator('[data-tool="bulletList"]').click();
  await ada.page.keyboard.type('Cars: twelve euros.');
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('Bicycles travel free.');
  await keepScreenshot(testInfo, 'pasted-table-and-image-notice', ada.page);

  // The link box opens right under the selected words.
  await selectText(adaEditor.body, 'night sailings');
  const words = await selectionBox(ada.page);
  await ada.page.keyboard.press('ControlOrMeta+KeyK');
  const form = ada.page.getByTestId('link-form');
  await expect(form).toBeVisible();
  const box = (await form.boundingBox())!;
  expect(Math.abs(box.x - words.left)).toBeLessThan(4);
  expect(box.y - words.bottom).toBeGreaterThanOrEqual(0);
  expect(box.y - words.bottom).toBeLessThan(20);
  await keepScreenshot(testInfo, 'link-box-at-selection', ada.page);
  await form.getByTestId('link-href').fill('https://ferries.example/timetable');
  await ada.page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(adaEditor.body.locator('a[href="https://ferries.example/timetable"]')).toHaveText('night sailings');

  await expect.poll(() => benEditor.bodyText()).toContain('Map of the routes below.');
  await expect(benEditor.body.locator('a[href="https://ferries.example/timetable"]')).toHaveCount(1);
  await new Rest(ada.page).transition(articleId, 'submit');

  // Ben reviews the resubmission: only Ada's answer is new.
  const versions = new VersionsPanel(ben.page);
  await versions.open();
  await versions.changesSinceSubmitted();
  await expect(versions.dialog.getByTestId('review-range')).toContainText('Changes requested');
  const comparison = versions.dialog.getByTestId('comparison-body');
  await expect(versions.deleted).toHaveCount(0);
  const inserted = (await versions.inserted.allTextContents()).join(' ');
  for (const text of ['The last ferry leaves at midnight.', 'Timetable', 'Route', 'Last ferry', 'North pier', '23:40', 'Map of the routes below.', 'Bicycles travel free.', 'ferries.example/timetable']) {
    expect(inserted).toContain(text);
  }
  for (const text of ['ferry company', 'Tickets', 'weather']) expect(inserted).not.toContain(text);
  await expect(comparison).toContainText('Sailings depend on the weather.');
  // Drawn as what it is: the heading as a heading, the link's words with its target.
  await expect(comparison.locator('[data-shape="h2"]')).toHaveText('Timetable');
  await expect(comparison.locator('[data-shape="bullet"]')).toHaveText(['Cars: twelve euros.', 'Bicycles travel free.'].map((t) => new RegExp(`•\\s*${t}`)));
  await expect(comparison.locator('.text', { hasText: 'night sailings' })).toHaveCount(1);
  await expect(versions.dialog.getByTestId('comparison-summary')).toContainText('1 link changed');
  await keepScreenshot(testInfo, 'changes-since-resubmitted', ben.page);
  await comparison.locator('[data-shape="bullet"]').last().scrollIntoViewIfNeeded();
  await keepScreenshot(testInfo, 'changes-since-resubmitted-end', ben.page);
  await versions.closeDialog();
});

test('a headline too long to paste keeps the whole words that fit and says what it left out', async ({ ada }, testInfo) => {
  const editor = await ada.desk.newArticle();
  const long = `${'Ferry '.repeat(30)}schedule changes announced for the whole summer season`;
  await editor.headline.click();
  await paste(editor.headline, { text: long });
  const cut = ada.page.getByTestId('headline-cut');
  await expect(cut).toContainText('A headline can have at most 200 characters');
  await expect(cut).toContainText('season');
  const value = await editor.headline.inputValue();
  expect(value.length).toBeLessThanOrEqual(200);
  expect(long.startsWith(value)).toBe(true);
  expect(long[value.length]).toBe(' ');
  await expect(ada.page.getByTestId('headline-guidance')).toContainText('left before the limit of 200');
  await keepScreenshot(testInfo, 'headline-cut', ada.page);
});
