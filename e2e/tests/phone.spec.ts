/**
 * On a phone (390 x 844, touch): reporters in the field read the desk, fix a typo, answer a
 * comment; editors send a story back. Every page fits the screen's width (nothing scrolls
 * sideways), the header's menu is reachable, the bar's status pill and actions do not overlap,
 * and the side panel is whole on screen and usable.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { ensureAccount } from '../support/accounts.js';
import { keepScreenshot } from '../support/artifacts.js';
import { CommentsPanel } from '../support/comments-panel.js';
import { DeskPage } from '../support/desk-page.js';
import { EditorPage } from '../support/editor-page.js';
import { expect, test } from '../support/fixtures.js';
import { admin, people, type Person } from '../support/people.js';
import { Rest } from '../support/rest.js';
import { signIn } from '../support/sign-in.js';
import { ArticleWorkflow, EditorSidebarPanel } from '../support/workflow.js';

const PHONE = { width: 390, height: 844 };

/** `person` signed in on a phone of their own; the page starts on the desk. */
async function onPhone(browser: Browser, person: Person): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  return signIn(context, person);
}

/** Nothing on the page is wider than the screen (on failure, names what sticks out). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.documentElement;
        const clipped = (el: Element): boolean => {
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') return true;
          }
          return false;
        };
        const wide = [...document.body.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 && !clipped(el))
          .slice(0, 3)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
        return { scroll: root.scrollWidth, client: root.clientWidth, wide };
      }),
    )
    .toEqual({ scroll: PHONE.width, client: PHONE.width, wide: [] });
}

/** The element is whole on screen: no part of it outside the viewport. */
async function expectOnScreen(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  expect(box.x, 'left edge').toBeGreaterThanOrEqual(0);
  expect(box.y, 'top edge').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'right edge').toBeLessThanOrEqual(PHONE.width + 0.5);
  expect(box.y + box.height, 'bottom edge').toBeLessThanOrEqual(PHONE.height + 0.5);
}

async function expectApart(a: Locator, b: Locator): Promise<void> {
  const [boxA, boxB] = [(await a.boundingBox())!, (await b.boundingBox())!];
  const overlapX = Math.min(boxA.x + boxA.width, boxB.x + boxB.width) - Math.max(boxA.x, boxB.x);
  const overlapY = Math.min(boxA.y + boxA.height, boxB.y + boxB.height) - Math.max(boxA.y, boxB.y);
  expect(overlapX <= 0 || overlapY <= 0, `boxes overlap: ${JSON.stringify({ boxA, boxB })}`).toBe(true);
}

/** The header's account menu opens and its items are on screen. */
async function expectMenuReachable(page: Page): Promise<void> {
  const menu = page.getByTestId('user-menu');
  await expectOnScreen(menu);
  await menu.tap();
  await expectOnScreen(page.getByTestId('logout'));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('logout')).toBeHidden();
}

test('a writer on a phone reads the desk, writes, and comments in the side panel', async ({ browser, adminApi }, testInfo) => {
  await ensureAccount(adminApi, people.ada);
  const page = await onPhone(browser, people.ada);
  const desk = new DeskPage(page);
  await desk.goto();
  await expectNoSidewaysScroll(page);
  await expectMenuReachable(page);
  await keepScreenshot(testInfo, 'phone-desk', page);

  const editor = await desk.newArticle();
  await editor.typeInHeadline('Ferry strike ends after talks');
  await editor.typeInBody('Ferries run again from Monday, the union said.');
  await expect.poll(() => editor.bodyText()).toBe('Ferries run again from Monday, the union said.');
  await expect(editor.saveState).toHaveText('All changes saved');
  await expectNoSidewaysScroll(page);
  await expectMenuReachable(page);

  const workflow = new ArticleWorkflow(page);
  await expectOnScreen(workflow.statusPill);
  await expectOnScreen(workflow.action('submit'));
  await expectApart(workflow.statusPill, workflow.action('submit'));
  await expectOnScreen(page.getByTestId('sidebar-toggle'));
  await expectOnScreen(editor.connection);
  await keepScreenshot(testInfo, 'phone-editor', page);

  // A comment on her own words: the panel opens over the page, whole, and takes the comment.
  const comments = new CommentsPanel(page);
  await comments.commentOn('the union said', 'Name the union?');
  const panel = page.getByTestId('sidebar-panel-comments');
  await expectOnScreen(panel);
  await expectOnScreen(comments.thread('Name the union?'));
  await expectNoSidewaysScroll(page);
  await keepScreenshot(testInfo, 'phone-comments', page);

  // Every tab of the panel fits.
  const sidebar = new EditorSidebarPanel(page);
  for (const tab of ['details', 'history', 'versions']) {
    await sidebar.open(tab);
    await expectOnScreen(page.getByTestId(`sidebar-panel-${tab}`));
    await expectNoSidewaysScroll(page);
    await keepScreenshot(testInfo, `phone-${tab}`, page);
  }
  await page.context().close();
});

test('an editor on a phone sends a story back from the review dialog', async ({ browser, adminApi, ada }, testInfo) => {
  const adaEditor = await ada.desk.newArticle();
  await adaEditor.typeInHeadline('Council approves the harbour budget');
  await adaEditor.typeInBody('The council approved the budget on Tuesday.');
  await expect(adaEditor.saveState).toHaveText('All changes saved');
  await new Rest(ada.page).transition(adaEditor.articleId, 'submit');

  await ensureAccount(adminApi, people.ben);
  const page = await onPhone(browser, people.ben);
  const editor = await EditorPage.open(page, adaEditor.articleId);
  const workflow = new ArticleWorkflow(page);
  await workflow.expectStatus('In review');
  await expectNoSidewaysScroll(page);
  await expectOnScreen(workflow.statusPill);
  for (const action of ['request_changes', 'approve'] as const) {
    await expectOnScreen(workflow.action(action));
    await expectApart(workflow.statusPill, workflow.action(action));
  }
  await expectApart(workflow.action('request_changes'), workflow.action('approve'));
  await keepScreenshot(testInfo, 'phone-review-bar', page);

  // An editor fixes a word in review.
  await editor.typeInBody(' Work starts in spring.');
  await expect.poll(() => editor.bodyText()).toContain('Work starts in spring.');

  await workflow.action('request_changes').tap();
  await expect(workflow.dialog).toBeVisible();
  await expectOnScreen(workflow.dialog);
  await workflow.note.fill('Add the vote count, please.');
  await expectOnScreen(workflow.confirm);
  await keepScreenshot(testInfo, 'phone-request-changes', page);
  await workflow.confirm.tap();
  await expect(workflow.dialog).toBeHidden();
  await workflow.expectStatus('Draft');
  await expect(ada.page.getByTestId('change-request')).toContainText('Add the vote count, please.');
  await page.context().close();
});

test('the admin pages fit a phone', async ({ browser }, testInfo) => {
  const page = await onPhone(browser, admin);
  for (const [path, name] of [
    ['/admin/people', 'people'],
    ['/admin/webhooks', 'webhooks'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectMenuReachable(page);
    await keepScreenshot(testInfo, `phone-${name}`, page);
  }
  await page.context().close();
});
