/**
 * Live co-editing, end to end: two people in two browsers write one article together, see each
 * other's words, carets and presence, keep writing while one is offline, converge when they
 * reconnect, and the server keeps the result.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { EditorPage } from '../support/editor-page.js';
import { expect, test } from '../support/fixtures.js';
import { people } from '../support/people.js';
import { openDocuments, storedArticle } from '../support/server.js';

test('two people write one article together and see each other live', async ({ ada, ben, adminApi }, testInfo) => {
  const adaEditor = await ada.desk.newArticle();
  const articleId = adaEditor.articleId;

  await ben.desk.goto();
  await expect(ben.desk.card(articleId)).toBeVisible();
  const benEditor = await ben.desk.openArticle(articleId);

  await adaEditor.expectPresent(ada.person, ben.person);
  await benEditor.expectPresent(ben.person, ada.person);

  // The headline, one after the other: each sees the other's words arrive.
  await adaEditor.typeInHeadline('Council votes');
  await expect(benEditor.headline).toHaveValue('Council votes');
  await benEditor.typeInHeadline(' to rebuild the pier');
  await expect(adaEditor.headline).toHaveValue('Council votes to rebuild the pier');

  // The body: Ada writes the first paragraph, Ben adds the second.
  await adaEditor.typeInBody('The harbour board met on Tuesday night.');
  await expect(benEditor.body).toContainText('The harbour board met on Tuesday night.');
  await benEditor.typeInBody('Repairs start in the spring.', { newParagraph: true });
  await expect(adaEditor.body).toContainText('Repairs start in the spring.');

  const expected = 'The harbour board met on Tuesday night.\nRepairs start in the spring.';
  await expect.poll(() => adaEditor.bodyText()).toBe(expected);
  await expect.poll(() => benEditor.bodyText()).toBe(expected);
  await expect(adaEditor.wordCount).toHaveAttribute('data-words', '12');
  await expect(benEditor.wordCount).toHaveAttribute('data-words', '12');

  // Each sees the other's caret, labelled with their name, where they stopped typing.
  await expect(adaEditor.caretOf(ben.person)).toBeVisible();
  await expect(adaEditor.caretOf(ben.person)).toContainText(ben.person.name);
  await expect(benEditor.caretOf(ada.person)).toBeVisible();
  await expect(benEditor.caretOf(ada.person)).toContainText(ada.person.name);
  await expect(adaEditor.caretOf(ada.person)).toHaveCount(0);

  await keepScreenshot(testInfo, 'editor-as-ada', ada.page);
  await keepScreenshot(testInfo, 'editor-as-ben', ben.page);

  // The desk lists the article by the headline the server derived from the live document.
  await expect
    .poll(() => storedArticle(adminApi, articleId))
    .toMatchObject({ headline: 'Council votes to rebuild the pier', wordCount: 12 });
  await adaEditor.backToDesk();
  await expect(ada.desk.card(articleId)).toContainText('Council votes to rebuild the pier');
  await expect(ada.desk.card(articleId)).toContainText('12 words');
  await keepScreenshot(testInfo, 'desk', ada.page);
});

test('the editor says "Saving…" until the server has stored a change, then "All changes saved"', async ({ ada, ben, adminApi }, testInfo) => {
  const adaEditor = await ada.desk.newArticle();
  await adaEditor.typeInHeadline('Polls close at eight');
  await expect(adaEditor.saveState).toHaveText('All changes saved');
  const benEditor = await EditorPage.open(ben.page, adaEditor.articleId);
  await expect(benEditor.headline).toHaveValue('Polls close at eight');

  // Ada's uplink stalls: still connected, but what she types has not reached the server.
  ada.stall();
  await adaEditor.typeInBody('Counting starts at nine.');
  await adaEditor.expectConnection('connected');
  await expect(adaEditor.saveState).toHaveText('Saving…');
  await expect(adaEditor.connection).not.toHaveAttribute('data-unsaved', '0');
  await expect(benEditor.body).not.toContainText('Counting starts');
  await keepScreenshot(testInfo, 'editor-saving', ada.page);
  // Long enough, and it says so: "Saving…" should not read as nearly done.
  await expect(adaEditor.saveState).toHaveText('Still saving…', { timeout: 15_000 });
  // Closing the tab now asks first.
  const asked = ada.page.waitForEvent('dialog');
  await ada.page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(ada.page.isClosed()).toBe(false);

  // It gets through: stored, so she is told, and Ben has it.
  ada.unstall();
  await expect(adaEditor.saveState).toHaveText('All changes saved');
  await expect(adaEditor.connection).toHaveAttribute('data-unsaved', '0');
  await expect(benEditor.body).toContainText('Counting starts at nine.');
  await expect(benEditor.saveState).toHaveText('All changes saved');
  await expect.poll(() => storedArticle(adminApi, adaEditor.articleId)).toMatchObject({ wordCount: 4 });

  // She types on the stalled link again, and the story is submitted before it gets through:
  // the server refuses the late change, and her editor says it is not saved rather than "Saving…".
  ada.stall();
  await adaEditor.typeInBody(' Results by midnight.');
  await expect(adaEditor.saveState).toHaveText('Saving…');
  // (Submitted from elsewhere: her own browser's requests are stalled too.)
  const submitted = await adminApi.post(`/api/articles/${adaEditor.articleId}/transitions`, { data: { action: 'submit' } });
  expect(submitted.status()).toBe(200);
  ada.unstall();
  await expect(adaEditor.saveState).toHaveText('Not saved: This article is read-only for you.');
  await expect(benEditor.body).not.toContainText('Results by midnight');
  await keepScreenshot(testInfo, 'editor-not-saved', ada.page);
});

test('edits made apart while one person is offline merge when they reconnect, and the server keeps them', async ({
  ada,
  ben,
  openSession,
  adminApi,
}, testInfo) => {
  const adaEditor = await ada.desk.newArticle();
  const articleId = adaEditor.articleId;
  await adaEditor.typeInHeadline('Ferry crews strike');
  await adaEditor.typeInBody('Crews walked out at dawn.');

  const benEditor = await EditorPage.open(ben.page, articleId);
  await expect(benEditor.headline).toHaveValue('Ferry crews strike');
  await expect(benEditor.body).toContainText('Crews walked out at dawn.');
  await adaEditor.expectPresent(ada.person, ben.person);

  // Ben's network goes: his editor says so, and the server tells Ada he has left.
  await ben.goOffline();
  await benEditor.expectConnection('offline');
  await expect(benEditor.connection).toContainText('Offline');
  await benEditor.expectPresent(ben.person);
  await adaEditor.expectPresent(ada.person);

  // Both keep writing, apart.
  await adaEditor.typeInBody(' Talks resume on Friday.');
  await adaEditor.typeInDek('Commuters face a second day without boats');
  await benEditor.typeInBody('Queues formed at the bridge by seven.', { newParagraph: true });
  await benEditor.typeInHeadline(' over pay');
  await expect(adaEditor.body).not.toContainText('Queues formed');
  await expect(benEditor.body).not.toContainText('Talks resume');
  await benEditor.expectConnection('offline');
  await keepScreenshot(testInfo, 'editor-offline-as-ben', ben.page);

  // Ben is back: both end with the same article, holding both people's words.
  await ben.goOnline();
  await benEditor.expectConnection('connected');
  const body = 'Crews walked out at dawn. Talks resume on Friday.\nQueues formed at the bridge by seven.';
  for (const editor of [adaEditor, benEditor]) {
    await expect.poll(() => editor.bodyText()).toBe(body);
    await expect(editor.headline).toHaveValue('Ferry crews strike over pay');
    await expect(editor.dek).toHaveValue('Commuters face a second day without boats');
    await expect(editor.wordCount).toHaveAttribute('data-words', '16');
  }
  await adaEditor.expectPresent(ada.person, ben.person);
  await benEditor.expectPresent(ben.person, ada.person);

  // The server has it: the article row is derived from the server's own copy of the document.
  await expect.poll(() => storedArticle(adminApi, articleId)).toMatchObject({
    headline: 'Ferry crews strike over pay',
    dek: 'Commuters face a second day without boats',
    wordCount: 16,
  });

  // A reload shows the same article.
  await ada.page.reload();
  const reloaded = new EditorPage(ada.page);
  await reloaded.expectLive();
  await expect.poll(() => reloaded.bodyText()).toBe(body);
  await expect(reloaded.headline).toHaveValue('Ferry crews strike over pay');

  // Everyone leaves, so the server writes the document out and unloads it (the suite runs one
  // test at a time, so no other document is open). Someone who never opened the article, with no
  // copy in their browser, then gets it from the database.
  await reloaded.backToDesk();
  await benEditor.backToDesk();
  await expect.poll(() => openDocuments(adminApi)).toBe(0);
  const cleo = await openSession(people.cleo);
  const cleoEditor = await EditorPage.open(cleo.page, articleId);
  await expect.poll(() => cleoEditor.bodyText()).toBe(body);
  await expect(cleoEditor.headline).toHaveValue('Ferry crews strike over pay');
  await expect(cleoEditor.dek).toHaveValue('Commuters face a second day without boats');
  await cleoEditor.expectPresent(people.cleo);
});

test('a person with the article open in two tabs is one face in presence', async ({ ada, ben }) => {
  const adaEditor = await ada.desk.newArticle();
  const secondTab = await EditorPage.open(await ada.context.newPage(), adaEditor.articleId);
  const benEditor = await EditorPage.open(ben.page, adaEditor.articleId);
  await benEditor.expectPresent(ben.person, ada.person);
  await expect(benEditor.presence.locator('[data-tabs="2"]')).toHaveAttribute('title', `${ada.person.name} (2 tabs)`);
  // Her own tabs count as her.
  await secondTab.expectPresent(ada.person, ben.person);
  await expect(secondTab.presence.locator('[data-self="true"]')).toHaveAttribute('data-tabs', '2');
});
