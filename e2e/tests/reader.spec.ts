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
  // A story's whole public life in one test (draft, preview, three transitions, an update):
  // more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const headline = 'Lighthouse cottage opens to visitors in spring';
  const editor = await ben.desk.newArticle();
  const articleId = editor.articleId;
  await editor.typeInHeadline(headline);
  await editor.typeInDek('Guided tours from April, and a small museum of the lamp room.');
  await editor.typeInBody('The keeper’s cottage on the point opens to visitors from 1 April.');
  await editor.typeInBody('Tours leave at 10:30 and 14:30 on weekends.', { newParagraph: true });
  await expect(editor.saveState).toHaveText('All changes saved');
  await expect.poll(async () => (await storedArticle(adminApi, articleId)).wordCount).toBeGreaterThan(15);

  const sidebar = new EditorSidebarPanel(ben.page);
  await sidebar.open('details');
  await sidebar.setField('meta-section', 'Coast', 'section');
  await sidebar.setField('meta-byline', 'Ben Lindqvist', 'byline');

  // Preview: the draft, rendered as the reader page, in a new tab, marked as not public.
  await keepScreenshot(testInfo, 'editor-with-preview-button', ben.page);
  const [preview] = await Promise.all([ben.context.waitForEvent('page'), ben.page.getByTestId('preview-link').click()]);
  await preview.waitForLoadState();
  expect(new URL(preview.url()).pathname).toBe(`/preview/${articleId}`);
  await expect(preview.getByTestId('preview-banner')).toBeVisible();
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(preview.locator('.body')).toContainText('Tours leave at 10:30');
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
  expect(new URL(href!).pathname).toBe('/coast/lighthouse-cottage-opens-to-visitors-in-spring');
  const [reader] = await Promise.all([ben.context.waitForEvent('page'), link.click()]);
  await reader.waitForLoadState();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(reader.locator('.dek')).toHaveText('Guided tours from April, and a small museum of the lamp room.');
  await expect(reader.locator('.meta')).toContainText('By Ben Lindqvist');
  await expect(reader.locator('.meta')).toContainText('Published');
  await expect(reader.locator('link[rel="canonical"]')).toHaveAttribute('href', href!);
  await expect(reader.getByTestId('preview-banner')).toHaveCount(0);
  await keepScreenshot(testInfo, 'reader-page', reader);
  await reader.setViewportSize({ width: 390, height: 844 });
  await keepScreenshot(testInfo, 'reader-page-phone', reader);
  await reader.close();
  expect((await request.get(href!)).status()).toBe(200);
  // Any other path is a real 404, and the app still shows its not-found page.
  const lost = await ben.context.newPage();
  const miss = await lost.goto('/coast/no-such-story');
  expect(miss!.status()).toBe(404);
  await expect(lost.getByRole('heading', { name: 'This page is not on the desk' })).toBeVisible();
  await lost.close();

  // A new slug: the Details tab warns before it is saved that the public URL will change.
  await sidebar.open('details');
  await expect(ben.page.getByTestId('public-url')).toContainText(href!);
  await sidebar.field('meta-slug').fill('lighthouse-cottage-tours');
  const warning = ben.page.getByTestId('public-url-warning');
  await expect(warning).toContainText('The public URL will change');
  await expect(warning).toContainText('/coast/lighthouse-cottage-tours');
  await keepScreenshot(testInfo, 'slug-change-warning', ben.page.getByTestId('sidebar-panel-details'));
  await sidebar.field('meta-slug').press('Enter');
  await expect(ben.page.getByTestId('save-slug')).toHaveText('Saved');

  // Until the update goes out, readers still find the story where it was.
  expect((await request.get(href!, { maxRedirects: 0 })).status()).toBe(200);
  await workflow.take('update', { note: 'The story now lives at a shorter address.' });
  await expect(warning).toHaveCount(0);
  await expect(ben.page.getByTestId('public-url')).toContainText('/coast/lighthouse-cottage-tours');

  const old = await request.get(href!, { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  expect(old.headers().location).toBe('/coast/lighthouse-cottage-tours');
  const moved = await ben.context.newPage();
  await moved.goto(href!);
  expect(new URL(moved.url()).pathname).toBe('/coast/lighthouse-cottage-tours');
  await expect(moved.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(moved.locator('.notes')).toContainText('The story now lives at a shorter address.');
  await keepScreenshot(testInfo, 'reader-page-updated', moved);
  await moved.close();
});
