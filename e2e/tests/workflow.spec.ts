/**
 * The editorial workflow in the browser: a writer drafts and submits, the editor turns
 * read-only for the writer at once, an editor sends it back with a note, the writer sees the
 * note, revises and resubmits, the editor approves. And the desk, which sorts stories by stage
 * and follows every change live.
 */
import type { APIRequestContext } from '@playwright/test';
import { keepScreenshot } from '../support/artifacts.js';
import { EditorPage } from '../support/editor-page.js';
import { expect, test } from '../support/fixtures.js';
import { people } from '../support/people.js';
import { ArticleWorkflow, EditorSidebarPanel } from '../support/workflow.js';

test('a writer submits, an editor requests changes, the writer revises and resubmits, the editor approves', async ({ ada, ben }, testInfo) => {
  // Ada drafts a story and fills in its details.
  const adaEditor = await ada.desk.newArticle();
  const articleId = adaEditor.articleId;
  const adaFlow = new ArticleWorkflow(ada.page);
  const adaSidebar = new EditorSidebarPanel(ada.page);
  await adaFlow.expectStatus('Draft');
  await adaFlow.expectActions('submit');
  await adaEditor.typeInHeadline('Harbour board approves pier repairs');
  await expect(ada.page.getByTestId('headline-guidance')).toHaveText('35 / 70');
  await adaEditor.typeInDek('Work on the 120-year-old pier starts in the spring.');
  await adaEditor.typeInBody('The harbour board voted on Tuesday to repair the pier.');

  await adaSidebar.open('details');
  await expect(adaSidebar.field('meta-slug')).toHaveValue('harbour-board-approves-pier-repairs');
  await expect(adaSidebar.field('meta-slug-hint')).toContainText('Follows the headline');
  await adaSidebar.setField('meta-section', 'Local', 'section');
  await adaSidebar.field('meta-tags').fill('harbour, pier');
  await adaSidebar.field('meta-tags').press('Enter');
  await expect(ada.page.getByTestId('tag-chip')).toHaveText([/harbour/, /pier/]);
  await expect(ada.page.getByTestId('save-tags')).toHaveText('Saved');
  await adaSidebar.field('meta-seo').fill('The pier reopens next year.');
  await expect(ada.page.getByTestId('meta-seo-guidance')).toHaveText('27 characters: a little short, aim for 120–158.');
  await adaSidebar.field('meta-seo').fill(
    'The harbour board approved repairs to the 120-year-old pier on Tuesday; work starts in spring and the pier reopens to walkers next year.',
  );
  await expect(ada.page.getByTestId('meta-seo-guidance')).toHaveText('136 characters: a good length.');
  await adaSidebar.field('meta-seo').press('Enter');
  await expect(ada.page.getByTestId('save-seo')).toHaveText('Saved');
  // A writer on her draft may add a co-writer, but takes no one off the story.
  await expect(ada.page.getByTestId('assignee-add')).toHaveCount(1);
  await expect(ada.page.getByTestId('assignee').getByRole('button')).toHaveCount(0);

  // Ben watches the desk: the draft is there.
  await ben.desk.goto();
  await expect(ben.desk.column('draft').locator(`[data-article-id="${articleId}"]`)).toContainText(
    'Harbour board approves pier repairs',
  );

  // Ada submits: her editor turns read-only at once and says why.
  await adaFlow.take('submit');
  await adaFlow.expectStatus('In review');
  await expect(adaFlow.readOnlyBanner).toContainText('Submitted for review');
  await expect(adaEditor.body).toHaveAttribute('contenteditable', 'false');
  await expect(adaEditor.headline).toHaveAttribute('readonly', '');
  await expect(adaEditor.dek).toHaveAttribute('readonly', '');
  await expect(adaFlow.toolbar.getByRole('button', { name: 'Bold' })).toBeDisabled();
  await expect(adaSidebar.field('meta-section')).toHaveAttribute('readonly', '');
  await adaFlow.expectActions('reopen');

  // Ben's desk moves the card to In review without a reload.
  await expect(ben.desk.column('in_review').locator(`[data-article-id="${articleId}"]`)).toBeVisible();
  await expect(ben.desk.card(articleId)).toHaveAttribute('data-status', 'in_review');

  // Ben opens it and asks for changes; the note is required.
  let benEditor = await ben.desk.openArticle(articleId);
  const benFlow = new ArticleWorkflow(ben.page);
  await benFlow.expectStatus('In review');
  await benFlow.expectActions('request_changes', 'approve', 'reopen');
  await expect(benFlow.readOnlyBanner).toHaveCount(0);
  await benFlow.action('request_changes').click();
  await benFlow.confirm.click();
  await expect(benFlow.dialogError).toContainText('a note is required');
  const note = 'Please add a quote from the harbour master and the cost of the repairs.';
  await benFlow.note.fill(note);
  await benFlow.confirm.click();
  await expect(benFlow.dialog).toBeHidden();
  await benFlow.expectStatus('Draft');

  // On the desk the story is a draft again, marked as sent back.
  await benEditor.backToDesk();
  const sentBack = ben.desk.column('draft').locator(`[data-article-id="${articleId}"]`);
  await expect(sentBack.getByTestId('changes-requested')).toHaveText('Changes requested');
  await expect(sentBack.getByTestId('changes-requested')).toHaveAttribute('title', `${people.ben.name}: ${note}`);
  benEditor = await ben.desk.openArticle(articleId);

  // Ada, still in her editor, sees the note and can write again.
  await adaFlow.expectStatus('Draft');
  await expect(adaFlow.readOnlyBanner).toHaveCount(0);
  await expect(adaFlow.changeRequest).toContainText(`Changes requested by ${people.ben.name}`);
  await expect(adaFlow.changeRequest).toContainText(note);
  await expect(adaEditor.body).toHaveAttribute('contenteditable', 'true');
  await adaEditor.expectConnection('connected');
  await adaEditor.typeInBody('“It is the heart of the town,” said harbour master Ines Roy. The repairs will cost £2.4m.', { newParagraph: true });
  await expect(benEditor.body).toContainText('The repairs will cost £2.4m.');

  // The history tells the story so far, newest first.
  await adaSidebar.open('history');
  await expect(adaSidebar.entries.first()).toContainText('Requested changes');
  await expect(adaSidebar.entries.first()).toContainText('In review → Draft');
  await expect(adaSidebar.entries.first()).toContainText(note);
  await expect(adaSidebar.entries.filter({ hasText: 'Submitted for review' })).toContainText('Draft → In review');
  await expect(adaSidebar.entries.last()).toContainText('Created the article');
  await keepScreenshot(testInfo, 'editor-with-change-request', ada.page);

  // Ada resubmits; Ben approves while she still has it open, and her banner follows.
  await adaFlow.take('submit');
  await expect(adaFlow.readOnlyBanner).toContainText('Submitted for review');
  await expect(adaFlow.changeRequest).toHaveCount(0);
  await benFlow.expectStatus('In review');
  await benFlow.take('approve');
  await benFlow.expectStatus('Approved');
  await benFlow.expectActions('request_changes', 'reopen', 'schedule', 'publish');
  await adaFlow.expectStatus('Approved');
  await expect(adaFlow.readOnlyBanner).toContainText('Approved by an editor');
  await adaFlow.expectActions();
  await expect(adaSidebar.entries.first()).toContainText('Approved');

  await new EditorSidebarPanel(ben.page).open('details');
  await keepScreenshot(testInfo, 'editor-with-sidebar', ben.page);
  await keepScreenshot(testInfo, 'editor-read-only-for-writer', ada.page);
  await ada.page.setViewportSize({ width: 1366, height: 768 });
  await keepScreenshot(testInfo, 'editor-read-only-for-writer-1366x768', ada.page);
});

interface Created {
  id: string;
}

async function apiArticle(api: APIRequestContext, headline: string, patch: Record<string, unknown>, actions: string[]): Promise<string> {
  const res = await api.post('/api/articles', { data: { headline } });
  expect(res.status(), await res.text()).toBe(201);
  const { article } = (await res.json()) as { article: Created };
  const meta = await api.patch(`/api/articles/${article.id}`, { data: patch });
  expect(meta.status(), await meta.text()).toBe(200);
  for (const action of actions) {
    const data = action === 'schedule' ? { action, publishAt: new Date(Date.now() + 26 * 3600_000).toISOString() } : { action };
    const moved = await api.post(`/api/articles/${article.id}/transitions`, { data });
    expect(moved.status(), await moved.text()).toBe(200);
  }
  return article.id;
}

async function personId(api: APIRequestContext, name: string): Promise<string> {
  const res = await api.get('/api/people');
  expect(res.status()).toBe(200);
  const { people: list } = (await res.json()) as { people: { id: string; name: string }[] };
  const found = list.find((p) => p.name === name);
  if (!found) throw new Error(`${name} has no account`);
  return found.id;
}

test('the desk sorts stories by stage, filters them, and follows changes live', async ({ ada, ben, adminApi }, testInfo) => {
  const adaId = await personId(adminApi, people.ada.name);
  const budget = await apiArticle(
    adminApi,
    'Council budget passes after late-night session',
    { section: 'Politics', byline: 'Ada Okafor', tags: ['budget'], assignees: [adaId] },
    ['submit'],
  );
  const ferry = await apiArticle(adminApi, 'Ferry timetable changes from Monday', { section: 'Transport', byline: 'Desk staff' }, ['submit', 'approve']);
  const library = await apiArticle(adminApi, 'Library reopens with a maker space', { section: 'Culture' }, ['submit', 'approve']);
  const storm = await apiArticle(adminApi, 'Storm closes the coastal road', { section: 'Local', assignees: [adaId] }, []);
  // Scheduling checks what publishing will: the story needs its text first.
  const libraryEditor = await EditorPage.open(ben.page, library);
  await libraryEditor.typeInBody('The library reopens on Saturday.');
  await libraryEditor.expectSaved();
  const scheduled = await adminApi.post(`/api/articles/${library}/transitions`, {
    data: { action: 'schedule', publishAt: new Date(Date.now() + 26 * 3600_000).toISOString() },
  });
  expect(scheduled.status(), await scheduled.text()).toBe(200);
  await ben.desk.goto();

  // Ben writes and publishes one himself (publishing asks first).
  const benEditor = await ben.desk.newArticle();
  const published = benEditor.articleId;
  await benEditor.typeInHeadline('Lifeboat crew rescues two kayakers');
  await benEditor.typeInBody('Both were brought ashore safely on Sunday afternoon.');
  const benFlow = new ArticleWorkflow(ben.page);
  await benFlow.take('submit');
  await benFlow.take('approve');
  await benFlow.action('publish').click();
  await expect(benFlow.dialog).toContainText('goes live');
  await benFlow.confirm.click();
  await benFlow.expectStatus('Published');
  await benFlow.expectActions('update', 'unpublish');
  await benEditor.backToDesk();
  await expect(ben.desk.live).toHaveAttribute('data-live', 'true');

  // Every stage has its column.
  await expect(ben.desk.column('draft').locator(`[data-article-id="${storm}"]`)).toBeVisible();
  await expect(ben.desk.column('in_review').locator(`[data-article-id="${budget}"]`)).toBeVisible();
  await expect(ben.desk.column('approved').locator(`[data-article-id="${ferry}"]`)).toBeVisible();
  await expect(ben.desk.column('approved').locator(`[data-article-id="${library}"]`)).toHaveAttribute('data-status', 'scheduled');
  await expect(ben.desk.card(library).getByTestId('card-scheduled')).toContainText('Goes out');
  await expect(ben.desk.column('published').locator(`[data-article-id="${published}"]`)).toBeVisible();
  const budgetCard = ben.desk.card(budget);
  await expect(budgetCard).toContainText('Politics');
  await expect(budgetCard).toContainText('By Ada Okafor');
  await expect(budgetCard.getByTestId('card-assignees')).toContainText(people.ada.name);

  // Filters: a section, then words in the headline.
  await ben.page.getByTestId('filter-section').selectOption('Politics');
  await expect(ben.page).toHaveURL(/section=Politics/);
  await expect(ben.desk.cards).toHaveCount(1);
  await expect(ben.desk.card(budget)).toBeVisible();
  await ben.page.getByTestId('filter-section').selectOption('');
  await ben.page.getByTestId('filter-search').fill('timetable');
  await expect(ben.desk.cards).toHaveCount(1);
  await expect(ben.desk.card(ferry)).toBeVisible();
  await ben.page.getByTestId('filter-search').fill('');
  await expect(ben.desk.card(storm)).toBeVisible();

  // Ada, a writer, sees what she started or was given; Mine narrows to the same.
  await ada.desk.goto();
  await expect(ada.desk.card(budget)).toBeVisible();
  await expect(ada.desk.card(storm)).toBeVisible();
  await expect(ada.desk.card(ferry)).toHaveCount(0);
  await ada.page.getByTestId('filter-mine').click();
  await expect(ada.page).toHaveURL(/mine=1/);
  await expect(ada.desk.card(storm)).toBeVisible();

  // Changes by others arrive without a reload: a new assignment, a transition, a headline, presence.
  const harbour = await apiArticle(adminApi, 'Harbour fees to rise', { section: 'Local' }, []);
  const assign = await adminApi.patch(`/api/articles/${harbour}`, { data: { assignees: [adaId] } });
  expect(assign.status()).toBe(200);
  await expect(ada.desk.column('draft').locator(`[data-article-id="${harbour}"]`)).toBeVisible();
  const moved = await adminApi.post(`/api/articles/${storm}/transitions`, { data: { action: 'submit' } });
  expect(moved.status()).toBe(200);
  await expect(ada.desk.column('in_review').locator(`[data-article-id="${storm}"]`)).toBeVisible();
  const stormEditor = await EditorPage.open(ben.page, storm);
  await expect(ada.desk.card(storm).getByTestId('card-editing')).toContainText(people.ben.name);
  await stormEditor.typeInHeadline(' overnight');
  await expect(ada.desk.card(storm)).toContainText('Storm closes the coastal road overnight');
  await ada.page.getByTestId('filter-all').click();

  await keepScreenshot(testInfo, 'desk-as-writer', ada.page);
  await stormEditor.backToDesk();
  await expect(ada.desk.card(storm).getByTestId('card-editing')).toHaveCount(0);
  await keepScreenshot(testInfo, 'desk', ben.page);
  await ben.page.setViewportSize({ width: 1366, height: 768 });
  await keepScreenshot(testInfo, 'desk-1366x768', ben.page);
});
