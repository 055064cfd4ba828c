/**
 * The desk at volume: 65 drafts in one section show as the newest 20 with "Show more" and the
 * full count; the list view sorts by a column on the server; the date filter narrows by the
 * last change; filters, view and sort survive a reload; a new article appears live in the
 * sorted list; cards say what happened last and who did it; admins keep the sections.
 */
import type { APIRequestContext } from '@playwright/test';
import { keepScreenshot } from '../support/artifacts.js';
import { expect, test } from '../support/fixtures.js';
import { admin } from '../support/people.js';

const SECTION = 'Volume desk';
const COUNT = 65;
const headline = (n: number) => `Volume story ${String(n).padStart(2, '0')}`;

async function ensureSection(api: APIRequestContext, name: string): Promise<string> {
  const created = await api.post('/api/sections', { data: { name } });
  if (created.status() === 201) return ((await created.json()) as { section: { id: string } }).section.id;
  const { sections } = (await (await api.get('/api/sections')).json()) as { sections: { id: string; name: string }[] };
  return sections.find((s) => s.name === name)!.id;
}

async function seed(api: APIRequestContext, n: number): Promise<string> {
  const res = await api.post('/api/articles', { data: { headline: headline(n) } });
  expect(res.status()).toBe(201);
  const { article } = (await res.json()) as { article: { id: string } };
  expect((await api.patch(`/api/articles/${article.id}`, { data: { section: SECTION } })).status()).toBe(200);
  return article.id;
}

test('65 drafts: the newest 20, Show more, a sorted list, a date filter, all kept in the address', async ({ ben, adminApi, openSession }, testInfo) => {
  // Seeding 65 articles through the API takes a while on a shared machine.
  test.setTimeout(180_000);
  const sectionId = await ensureSection(adminApi, SECTION);
  try {
    for (let i = 0; i < COUNT; i++) await seed(adminApi, i);

    // The board: the newest 20 drafts, the count of all of them, and Show more.
    const page = ben.page;
    await page.goto(`/?section=${encodeURIComponent(SECTION)}`);
    const drafts = ben.desk.column('draft');
    await expect(drafts.getByTestId('column-count')).toHaveText(String(COUNT));
    await expect(drafts.getByTestId('article-card')).toHaveCount(20);
    await expect(drafts.getByTestId('article-card').first()).toContainText(headline(COUNT - 1));
    await expect(drafts.getByTestId('card-last-change').first()).toHaveText(`Edited by ${admin.name}`);
    await expect(drafts.getByTestId('shown-of-total')).toHaveText(`20 of ${COUNT}`);
    await drafts.getByTestId('show-more').click();
    await expect(drafts.getByTestId('article-card')).toHaveCount(40);
    await expect(page.getByTestId('desk-count')).toHaveText(`${COUNT} articles`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepScreenshot(testInfo, 'desk-volume-board', page);

    // The list, sorted by headline on the server, both ways.
    await page.getByTestId('view-list').click();
    await expect(page).toHaveURL(/view=list/);
    const rows = page.getByTestId('list-row');
    await expect(rows).toHaveCount(50);
    await page.getByTestId('sort-headline').click();
    await expect(rows.first()).toContainText(headline(0));
    await page.getByTestId('sort-headline').click();
    await expect(rows.first()).toContainText(headline(COUNT - 1));
    await expect(page).toHaveURL(/sort=headline&dir=desc/);
    await expect(page.getByTestId('shown-of-total')).toHaveText(`50 of ${COUNT}`);
    await page.getByTestId('show-more').click();
    await expect(rows).toHaveCount(COUNT);
    await expect(rows.last()).toContainText(headline(0));

    // The date filter: a range of days long past holds nothing; today holds them all.
    await page.getByTestId('filter-updated').selectOption('custom');
    await page.getByTestId('filter-from').fill('2020-01-01');
    await page.getByTestId('filter-to').fill('2020-01-31');
    await page.getByTestId('filter-to').dispatchEvent('change');
    await expect(page.getByTestId('desk-count')).toHaveText('No articles match');
    await expect(rows).toHaveCount(0);
    await page.getByTestId('filter-updated').selectOption('today');
    await expect(rows).toHaveCount(50);
    await keepScreenshot(testInfo, 'desk-volume-list', page);

    // A reload keeps the section, the view, the sort and the date filter.
    await page.reload();
    await expect(page).toHaveURL(/updated=today/);
    await expect(page.getByTestId('filter-updated')).toHaveValue('today');
    await expect(page.getByTestId('filter-section')).toHaveValue(SECTION);
    await expect(page.getByTestId('sort-headline').locator('..')).toHaveAttribute('aria-sort', 'descending');
    await expect(rows.first()).toContainText(headline(COUNT - 1));

    // Live: a new story that sorts first appears at the top of the sorted list.
    await expect(ben.desk.live).toHaveAttribute('data-live', 'true');
    await seed(adminApi, 99);
    await expect(rows.first()).toContainText(headline(99));
    await expect(page.getByTestId('desk-count')).toHaveText(`${COUNT + 1} articles`);

    // The admin keeps the sections on a page of their own.
    const adminSession = await openSession(admin);
    await adminSession.page.getByTestId('nav-sections').click();
    const row = adminSession.page.locator(`[data-testid="section-row"][data-section="${SECTION}"]`);
    await expect(row).toContainText(`${COUNT + 1} articles`);
    await keepScreenshot(testInfo, 'desk-volume-sections', adminSession.page);
  } finally {
    // The other specs share this database and file articles under sections of their own.
    await adminApi.delete(`/api/sections/${sectionId}`);
  }
});
