/**
 * The reader page, end to end: an editor previews a draft as readers would see it, publishes it,
 * opens the published link from the Versions tab and reads the story on Copydesk's own reader
 * page (SITE_URL is unset here); then changes the slug, is warned that the public URL will
 * change, publishes the update, and the old URL lands on the new one.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { expect, test } from '../support/fixtures.js';
import { storedArticle } from '../support/server.js';
import { VersionsPanel } from '../support/versions-panel.js';
import { ArticleWorkflow, EditorSidebarPanel } from '../support/workflow.js';

test('preview a draft, publish, read it at the Versions link; a new slug warns, and the old URL redirects', async ({ ben, adminApi, request }, testInfo) => {
  const headline = 'Ferry timetable changes for the winter';
  const editor = await ben.desk.newArticle();
  const articleId = editor.articleId;
  await editor.typeInHeadline(headline);
  await editor.typeInDek('Fewer crossings from November, and a new late boat on Fridays.');
  await editor.typeInBody('The harbour ferry will run every 40 minutes from 1 November.');
  await editor.typeInBody('A late crossing at 23:30 is added on Fridays.', { newParagraph: true });
  await expect(editor.saveState).toHaveText('All changes saved');
  await expect.poll(async () => (await storedArticle(adminApi, articleId)).wordCount).toBeGreaterThan(15);

  const sidebar = new EditorSidebarPanel(ben.page);
  await sidebar.open('details');
  await sidebar.setField('meta-section', 'Harbour', 'section');
  await sidebar.setField('meta-byline', 'Ben Lindqvist', 'byline');

  // Preview: the draft, rendered as the reader page, in a new tab, marked as not public.
  await keepScreenshot(testInfo, 'editor-with-preview-button', ben.page);
  const [preview] = await Promise.all([ben.context.waitForEvent('page'), ben.page.getByTestId('preview-link').click()]);
  await preview.waitForLoadState();
  expect(new URL(preview.url()).pathname).toBe(`/preview/${articleId}`);
  await expect(preview.getByTestId('preview-banner')).toBeVisible();
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(preview.locator('.body')).toContainText('A late crossing at 23:30');
  await expect(preview.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await keepScreenshot(testInfo, 'reader-preview', preview);
  await preview.close();

  const workflow = new ArticleWorkflow(ben.page);
  await workflow.take('submit');
  await workflow.take('approve');
  await workflow.take('publish');
  await expect(workflow.statusPill).toHaveAttribute('data-status', 'published');

  // The published link in the Versions tab opens the story on the reader page.
  const versions = new VersionsPanel(ben.page);
  await versions.open();
  const link = versions.panel.getByTestId('revision-row').first().locator('a.url');
  const href = await link.getAttribute('href');
  expect(new URL(href!).pathname).toBe('/harbour/ferry-timetable-changes-for-the-winter');
  const [reader] = await Promise.all([ben.context.waitForEvent('page'), link.click()]);
  await reader.waitForLoadState();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(reader.locator('.dek')).toHaveText('Fewer crossings from November, and a new late boat on Fridays.');
  await expect(reader.locator('.meta')).toContainText('By Ben Lindqvist');
  await expect(reader.locator('.meta')).toContainText('Published');
  await expect(reader.locator('link[rel="canonical"]')).toHaveAttribute('href', href!);
  await expect(reader.getByTestId('preview-banner')).toHaveCount(0);
  await keepScreenshot(testInfo, 'reader-page', reader);
  await reader.setViewportSize({ width: 390, height: 844 });
  await keepScreenshot(testInfo, 'reader-page-phone', reader);
  await reader.close();
  expect((await request.get(href!)).status()).toBe(200);
  expect((await request.get('/harbour/no-such-story')).status()).toBe(404);

  // A new slug: the Details tab warns before it is saved that the public URL will change.
  await sidebar.open('details');
  await expect(ben.page.getByTestId('public-url')).toContainText(href!);
  await sidebar.field('meta-slug').fill('winter-ferry-timetable');
  const warning = ben.page.getByTestId('public-url-warning');
  await expect(warning).toContainText('The public URL will change');
  await expect(warning).toContainText('/harbour/winter-ferry-timetable');
  await keepScreenshot(testInfo, 'slug-change-warning', ben.page.getByTestId('sidebar-panel-details'));
  await sidebar.field('meta-slug').press('Enter');
  await expect(ben.page.getByTestId('save-slug')).toHaveText('Saved');

  // Until the update goes out, readers still find the story where it was.
  expect((await request.get(href!, { maxRedirects: 0 })).status()).toBe(200);
  await workflow.take('update', { note: 'The story now lives at a shorter address.' });
  await expect(warning).toHaveCount(0);
  await expect(ben.page.getByTestId('public-url')).toContainText('/harbour/winter-ferry-timetable');

  const old = await request.get(href!, { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  expect(old.headers().location).toBe('/harbour/winter-ferry-timetable');
  const moved = await ben.context.newPage();
  await moved.goto(href!);
  expect(new URL(moved.url()).pathname).toBe('/harbour/winter-ferry-timetable');
  await expect(moved.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(moved.locator('.notes')).toContainText('The story now lives at a shorter address.');
  await keepScreenshot(testInfo, 'reader-page-updated', moved);
  await moved.close();
});
