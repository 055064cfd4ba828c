/**
 * Review, end to end: an editor comments on words of a submitted story, the writer (read-only
 * by then) sees the comment live, replies and comments too; the threads stay on their words
 * while the editor edits around them; after changes are requested and the writer edits, the
 * editor reads exactly what changed since submission. Versions can be saved, compared and
 * restored, and a restore reaches everyone editing.
 *
 * Workflow transitions are set up over REST (the workflow buttons are another spec's subject);
 * everything about comments and versions happens through the UI.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { CommentsPanel } from '../support/comments-panel.js';
import { EditorPage } from '../support/editor-page.js';
import { expect, test } from '../support/fixtures.js';
import { people } from '../support/people.js';
import { Rest } from '../support/rest.js';
import { selectText } from '../support/selection.js';
import { VersionsPanel } from '../support/versions-panel.js';

test('an editor comments on a submitted story, the writer replies while read-only, and the editor sees her changes since submission', async ({
  ada,
  ben,
}, testInfo) => {
  // Ada drafts the story and submits it.
  const adaEditor = await ada.desk.newArticle();
  const articleId = adaEditor.articleId;
  await adaEditor.typeInHeadline('Harbour budget passes after late vote');
  await adaEditor.typeInBody('The council approved the harbour budget on Tuesday night.');
  await adaEditor.typeInBody('Repairs to the pier start in spring.', { newParagraph: true });

  const benEditor = await EditorPage.open(ben.page, articleId);
  await expect.poll(() => benEditor.bodyText()).toContain('Repairs to the pier start in spring.');
  await new Rest(ada.page).transition(articleId, 'submit');

  // Her body locks; she can still open the comments.
  await expect(adaEditor.body).toHaveAttribute('contenteditable', 'false');
  expect((await new Rest(ada.page).permissions(articleId)).canEdit).toBe(false);
  const adaComments = new CommentsPanel(ada.page);
  await adaComments.open();

  // Ben selects words and comments on them.
  const benComments = new CommentsPanel(ben.page);
  const benThread = await benComments.commentOn('harbour budget', 'Which fiscal year is this? Please name it.');
  const threadId = (await benThread.getAttribute('data-thread-id'))!;
  await expect(benThread).toHaveAttribute('data-active', 'true');
  await expect.poll(() => benComments.highlightedText(threadId)).toBe('harbour budget');

  // Ada sees it arrive without reloading: in the panel and on the words.
  const adaThread = adaComments.thread('Which fiscal year');
  await expect(adaThread).toBeVisible();
  await expect(adaThread.getByTestId('comment-author')).toHaveText('Ben Lindqvist');
  await expect(adaThread.getByTestId('comment-quote')).toHaveText('harbour budget');
  await expect.poll(() => adaComments.highlightedText(threadId)).toBe('harbour budget');
  await expect(adaComments.tab).toContainText('1');

  // Ben (an editor may edit in review) types before the words and right after them: the
  // highlight stays on "harbour budget" for both of them.
  await benEditor.body.click();
  await ben.page.keyboard.press('ControlOrMeta+Home');
  await ben.page.keyboard.type('Late news: ');
  await selectText(benEditor.body, ' on Tuesday');
  await ben.page.keyboard.press('ArrowLeft');
  await ben.page.keyboard.type(' plan');
  await expect.poll(() => adaEditor.bodyText()).toContain('Late news: The council approved the harbour budget plan on Tuesday night.');
  await expect.poll(() => adaComments.highlightedText(threadId)).toBe('harbour budget');
  await expect.poll(() => benComments.highlightedText(threadId)).toBe('harbour budget');

  // Ada, read-only, replies, and starts a thread of her own with the keyboard shortcut.
  await adaComments.reply(adaThread, 'The 2025–26 budget. I will add it once I can edit again.');
  await selectText(adaEditor.body, 'Repairs to the pier');
  await ada.page.keyboard.press('ControlOrMeta+Alt+KeyM');
  await adaComments.post('Repairs to the pier', 'Source: the harbour board minutes.');
  await expect(benComments.thread('Which fiscal year')).toContainText('The 2025–26 budget.');
  await expect(benComments.thread('Source: the harbour board minutes.')).toBeVisible();
  await expect(benComments.highlights.filter({ hasText: 'Repairs to the pier' })).toHaveCount(1);
  await expect(benComments.tab).toContainText('2');
  await keepScreenshot(testInfo, 'comments-writer-read-only', ada.page);
  await keepScreenshot(testInfo, 'comments-editor', ben.page);

  // Clicking a highlight focuses its thread; clicking a thread's quote selects its words.
  await adaComments.highlights.filter({ hasText: 'harbour budget' }).first().click();
  await expect(adaThread).toHaveAttribute('data-active', 'true');
  await benComments.thread('Source: the harbour board minutes.').getByTestId('comment-quote').click();
  await expect(benComments.thread('Source: the harbour board minutes.')).toHaveAttribute('data-active', 'true');
  await expect.poll(() => ben.page.evaluate(() => getSelection()?.toString())).toBe('Repairs to the pier');
  await expect(benComments.highlights.filter({ hasText: 'Repairs to the pier' })).toHaveClass(/is-active/);

  // Ben asks for changes; Ada's body unlocks and she edits.
  await new Rest(ben.page).transition(articleId, 'request_changes', 'Name the fiscal year, please.');
  await expect(adaEditor.body).toHaveAttribute('contenteditable', 'true');
  await selectText(adaEditor.body, 'on Tuesday night');
  await ada.page.keyboard.type('for 2025–26 on Tuesday');
  await selectText(adaEditor.body, 'in spring');
  await ada.page.keyboard.type('in March');
  await expect.poll(() => benEditor.bodyText()).toContain('harbour budget plan for 2025–26 on Tuesday.');
  await expect.poll(() => benEditor.bodyText()).toContain('start in March.');

  // Ben resolves the answered thread: it leaves the open list and the body.
  await benComments.open();
  await benComments.thread('Which fiscal year').getByTestId('comment-resolve').click();
  await expect(benComments.thread('Which fiscal year')).toHaveCount(0);
  await expect(benComments.highlights.filter({ hasText: 'harbour budget' })).toHaveCount(0);
  await ben.page.getByTestId('comment-filter-resolved').click();
  await expect(benComments.thread('Which fiscal year')).toHaveAttribute('data-resolved', 'true');
  await expect(adaComments.thread('Which fiscal year')).toHaveCount(0);

  // Ben reviews what changed since Ada submitted.
  const versions = new VersionsPanel(ben.page);
  await versions.open();
  await versions.changesSinceSubmitted();
  await expect(versions.inserted.filter({ hasText: '2025–26' })).toHaveCount(1);
  await expect(versions.inserted.filter({ hasText: 'Late news' })).toHaveCount(1);
  await expect(versions.inserted.filter({ hasText: 'March' })).toHaveCount(1);
  await expect(versions.deleted.filter({ hasText: 'night' })).toHaveCount(1);
  await expect(versions.deleted.filter({ hasText: 'spring' })).toHaveCount(1);
  await expect(versions.dialog.getByTestId('comparison-body')).toContainText('Repairs to the pier start');
  await keepScreenshot(testInfo, 'changes-since-submitted', ben.page);
  await versions.closeDialog();
});

test('versions: save one, compare two, preview, and restore — everyone editing sees the restore', async ({ ben, openSession }, testInfo) => {
  const benEditor = await ben.desk.newArticle();
  const articleId = benEditor.articleId;
  await benEditor.typeInHeadline('Ferries add evening sailings');
  await benEditor.typeInBody('Boats leave every hour from the north pier.');
  const versions = new VersionsPanel(ben.page);
  await versions.open();
  await expect(versions.panel.getByTestId('review-since-submitted')).toBeDisabled();
  await versions.saveVersion('First draft');

  await selectText(benEditor.body, 'every hour');
  await ben.page.keyboard.type('every half hour');
  await selectText(benEditor.body, 'north');
  await ben.page.keyboard.type('south');
  await versions.saveVersion('Second draft');

  // Two picked: the earlier against the later.
  await versions.row('First draft').getByTestId('version-pick').check();
  await versions.row('Second draft').getByTestId('version-pick').check();
  await keepScreenshot(testInfo, 'versions-panel', ben.page);
  await versions.panel.getByTestId('version-compare').click();
  await expect(versions.dialog.getByTestId('review-range')).toContainText('First draft');
  await expect(versions.dialog.getByTestId('review-range')).toContainText('Second draft');
  await expect(versions.inserted.filter({ hasText: 'half' })).toHaveCount(1);
  await expect(versions.inserted.filter({ hasText: 'south' })).toHaveCount(1);
  await expect(versions.deleted.filter({ hasText: 'north' })).toHaveCount(1);
  await keepScreenshot(testInfo, 'version-comparison', ben.page);
  await versions.closeDialog();

  // Cleo, another editor, has the article open while Ben restores the first draft.
  const cleo = await openSession(people.cleo);
  const cleoEditor = await EditorPage.open(cleo.page, articleId);
  await expect.poll(() => cleoEditor.bodyText()).toContain('every half hour from the south pier');

  await versions.row('First draft').getByTestId('version-preview-open').click();
  await expect(versions.dialog.getByTestId('version-preview')).toContainText('Boats leave every hour from the north pier.');
  await versions.dialog.getByTestId('version-restore').click();
  await ben.page.getByTestId('confirm-ok').click();
  await expect(versions.dialog).toBeHidden();
  await expect.poll(() => benEditor.bodyText()).toBe('Boats leave every hour from the north pier.');
  await expect.poll(() => cleoEditor.bodyText()).toBe('Boats leave every hour from the north pier.');
  await expect(versions.row('Before restoring version')).toBeVisible();
  await expect(versions.rows.first()).toHaveAttribute('data-kind', 'restore');
});
