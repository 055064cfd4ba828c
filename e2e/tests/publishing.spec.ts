/**
 * Publishing, end to end: an administrator adds a webhook endpoint on the webhooks page (and
 * copies its secret, shown once); an editor takes a story through submit, approve and publish
 * with the workflow buttons; a real HTTP receiver gets the article, signed; the RSS feed lists
 * it; the deliveries page shows the delivery, its attempt, and sends it again on request.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { expect, test } from '../support/fixtures.js';
import { admin } from '../support/people.js';
import { Rest } from '../support/rest.js';
import { selectText } from '../support/selection.js';
import { storedArticle } from '../support/server.js';
import { VersionsPanel } from '../support/versions-panel.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { WebhooksPage } from '../support/webhooks-page.js';
import { ArticleWorkflow } from '../support/workflow.js';

interface PublishedEvent {
  type: string;
  data: { revision: { articleId: string; number: number; headline: string; dek: string; html: string; canonicalUrl: string } };
}

let receiver: WebhookReceiver | undefined;
test.afterEach(async ({ adminApi }) => {
  await receiver?.close();
  receiver = undefined;
  // Endpoints outlive a test in the shared database: remove them so later publishing does not
  // queue deliveries to receivers that are gone.
  const { endpoints } = (await (await adminApi.get('/api/webhooks')).json()) as { endpoints: { id: string }[] };
  for (const e of endpoints) await adminApi.delete(`/api/webhooks/${e.id}`);
});

test('a webhook added on the admin page receives the signed article an editor publishes; the feed and the deliveries page show it', async ({
  ben,
  openSession,
  adminApi,
  request,
  baseURL,
}, testInfo) => {
  const hooks = await startWebhookReceiver();
  receiver = hooks;

  // The administrator adds the endpoint on the page and copies the secret.
  const adminSession = await openSession(admin);
  await adminSession.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  const webhooks = new WebhooksPage(adminSession.page);
  await webhooks.openFromNav();
  const secret = await webhooks.create(hooks.url, ['article.published', 'article.updated'], 'Newsroom website', () =>
    keepScreenshot(testInfo, 'webhook-secret-once', adminSession.page),
  );
  expect(secret).toMatch(/^whsec_/);
  const row = webhooks.row(hooks.url);
  await expect(row).toHaveAttribute('data-enabled', 'true');
  await expect(row).toContainText('Published');
  await expect(row).toContainText('Updated');
  await expect(row).not.toContainText('Unpublished');
  await expect(row).toContainText('Newsroom website');
  await keepScreenshot(testInfo, 'webhook-endpoints', adminSession.page);

  // An editor writes a story and takes it through the workflow with the bar's buttons.
  const headline = 'Pier reopens after two years of repairs';
  const editor = await ben.desk.newArticle();
  const articleId = editor.articleId;
  await editor.typeInHeadline(headline);
  await editor.typeInDek('Anglers and ferry passengers are back on the boards.');
  await editor.typeInBody('The harbour pier reopened on Saturday morning.');
  await editor.typeInBody('Repairs cost 4.2 million.', { newParagraph: true });
  await expect(editor.wordCount).toHaveAttribute('data-words', '11');
  await expect.poll(async () => (await storedArticle(adminApi, articleId)).wordCount).toBe(11);

  const workflow = new ArticleWorkflow(ben.page);
  await workflow.take('submit');
  await expect(workflow.statusPill).toHaveAttribute('data-status', 'in_review');
  await workflow.take('approve');
  await expect(workflow.statusPill).toHaveAttribute('data-status', 'approved');
  await workflow.take('publish');
  await expect(workflow.statusPill).toHaveAttribute('data-status', 'published');

  // The receiver has the article, signed with the secret the page showed.
  await expect.poll(() => hooks.received.length).toBe(1);
  const message = hooks.received[0]!;
  const event = hooks.verify(secret, message) as PublishedEvent;
  expect(event.type).toBe('article.published');
  expect(event.data.revision).toMatchObject({ articleId, number: 1, headline, dek: 'Anglers and ferry passengers are back on the boards.' });
  expect(event.data.revision.html).toBe('<p>The harbour pier reopened on Saturday morning.</p><p>Repairs cost 4.2 million.</p>');
  expect(() => hooks.verify('whsec_' + Buffer.from('not the secret at all').toString('base64'), message)).toThrow();
  const webhookId = message.headers['webhook-id']!;
  expect(webhookId).toMatch(/^msg_/);

  // The public feed lists it.
  const rss = await request.get('/feed.xml');
  expect(rss.status()).toBe(200);
  const xml = await rss.text();
  expect(xml).toContain(`<title>${headline}</title>`);
  expect(xml).toContain('The harbour pier reopened on Saturday morning.');

  // The deliveries page shows it delivered, with its attempt.
  await webhooks.page.goto('/admin/webhooks');
  const deliveries = await webhooks.openDeliveries(hooks.url);
  const delivery = deliveries.about(headline);
  await expect(delivery).toHaveAttribute('data-status', 'delivered');
  await expect(delivery).toHaveAttribute('data-delivery-id', webhookId);
  await expect(delivery.getByTestId('delivery-status')).toHaveText('Delivered');
  await expect(delivery.getByTestId('delivery-attempts')).toHaveText('1');
  await expect(delivery.getByTestId('delivery-outcome')).toHaveText('HTTP 200');
  await delivery.getByTestId('delivery-expand').click();
  const history = deliveries.page.getByTestId('delivery-history');
  await expect(history).toContainText(webhookId);
  await expect(history).toContainText('#1');
  await expect(history).toContainText('HTTP 200');
  await keepScreenshot(testInfo, 'webhook-deliveries', deliveries.page);

  // Redeliver sends the same event again, with the same webhook-id (receivers dedupe by it).
  await delivery.getByTestId('delivery-redeliver').click();
  await expect.poll(() => hooks.received.length).toBe(2);
  expect(hooks.received[1]!.headers['webhook-id']).toBe(webhookId);
  expect(hooks.verify(secret, hooks.received[1]!)).toMatchObject({ type: 'article.published' });
  await expect(delivery).toHaveAttribute('data-status', 'delivered');

  // The editor corrects the story and publishes an update with a correction note: the receiver
  // hears article.updated, and the Versions tab lists both revisions and what changed.
  await selectText(editor.body, '4.2 million');
  await ben.page.keyboard.type('4.7 million euros');
  // Version 1 is the submission; wait until the server has the new figure before publishing it.
  await expect.poll(() => new Rest(ben.page).insertedSince(articleId, 1)).toContain('euros');
  await workflow.take('update', { note: 'An earlier version gave the cost as 4.2 million.' });
  await expect.poll(() => hooks.received.length).toBe(3);
  const update = hooks.verify(secret, hooks.received[2]!) as PublishedEvent & { data: { revision: { correction: string } } };
  expect(update.type).toBe('article.updated');
  expect(update.data.revision).toMatchObject({ number: 2, correction: 'An earlier version gave the cost as 4.2 million.' });
  expect(update.data.revision.html).toContain('Repairs cost 4.7 million euros.');

  const versions = new VersionsPanel(ben.page);
  await versions.open();
  const revisions = versions.panel.getByTestId('revision-row');
  await expect(revisions).toHaveCount(2);
  await expect(revisions.first()).toContainText('#2 Update');
  await expect(revisions.first().getByTestId('revision-correction')).toContainText('4.2 million');
  await revisions.first().getByTestId('revision-compare').click();
  // A word diff: the old figure struck whole, the new one inserted whole.
  await expect(versions.inserted.filter({ hasText: 'euros' })).toHaveCount(1);
  await expect(versions.deleted).toHaveText(['4.2']);
  await expect(versions.inserted.filter({ hasText: '4.7' })).toHaveCount(1);
  await expect(versions.dialog.getByTestId('comparison-body')).toContainText('Repairs cost 4.24.7 million euros.');
  await keepScreenshot(testInfo, 'revision-comparison', ben.page);
  await versions.closeDialog();
});

test('a failing receiver: retries show on the deliveries page, the endpoint warns, redeliver works once it is fixed; rotate, disable, edit and delete', async ({
  ben,
  openSession,
  baseURL,
}, testInfo) => {
  const hooks = await startWebhookReceiver();
  receiver = hooks;
  hooks.status = 500;

  const adminSession = await openSession(admin);
  await adminSession.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  const webhooks = new WebhooksPage(adminSession.page);
  await webhooks.openFromNav();
  const first = await webhooks.create(hooks.url, ['article.published'], 'Partner feed');

  // The story goes out (transitions over REST here: the buttons are the first test's subject).
  const headline = 'Night buses return to the coast road';
  const editor = await ben.desk.newArticle();
  await editor.typeInHeadline(headline);
  await editor.typeInBody('The night service runs again from Friday.');
  await expect(editor.wordCount).toHaveAttribute('data-words', '7');
  // The server has stored what was typed (the same socket's receipt), so REST sees it.
  await expect(editor.saveState).toHaveText('All changes saved');
  const rest = new Rest(ben.page);
  for (const action of ['submit', 'approve', 'publish'] as const) await rest.transition(editor.articleId, action);

  // Every attempt gets a 500: the page follows the retries until the delivery fails.
  const deliveries = await webhooks.openDeliveries(hooks.url);
  const delivery = deliveries.about(headline);
  await expect(delivery.getByTestId('delivery-status')).toHaveText(/^(Pending – |Failed after 4 attempts$)/);
  await expect(delivery).toHaveAttribute('data-status', 'failed', { timeout: 45_000 });
  await expect(delivery.getByTestId('delivery-status')).toHaveText('Failed after 4 attempts');
  await expect(delivery.getByTestId('delivery-attempts')).toHaveText('4');
  await expect(delivery.getByTestId('delivery-outcome')).toHaveText('HTTP 500');
  await delivery.getByTestId('delivery-expand').click();
  await expect(deliveries.page.getByTestId('delivery-history').locator('li')).toHaveCount(4);
  expect(hooks.received).toHaveLength(4);
  await keepScreenshot(testInfo, 'webhook-deliveries-failed', deliveries.page);

  await webhooks.page.getByTestId('nav-webhooks').click();
  const row = webhooks.row(hooks.url);
  await expect(row.getByTestId('webhook-failing')).toContainText('The last 4 attempts failed');
  await keepScreenshot(testInfo, 'webhook-endpoint-failing', webhooks.page);

  // The receiver is fixed; Redeliver gets it through.
  hooks.status = 200;
  await webhooks.openDeliveries(hooks.url);
  await delivery.getByTestId('delivery-redeliver').click();
  await expect(delivery).toHaveAttribute('data-status', 'delivered');
  // Attempts are numbered on across a redelivery: the fifth got through.
  await expect(delivery.getByTestId('delivery-attempts')).toHaveText('5');
  expect(hooks.verify(first, hooks.received.at(-1)!)).toMatchObject({ type: 'article.published' });

  // Rotating shows the new secret once, and how long the old one keeps signing.
  await webhooks.page.getByTestId('nav-webhooks').click();
  await row.getByTestId('webhook-rotate').click();
  await webhooks.page.getByTestId('confirm-ok').click();
  await expect(webhooks.secret).toBeVisible();
  const second = await webhooks.secret.inputValue();
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
  await expect(webhooks.page.getByTestId('webhook-rotation-ends')).toContainText('keeps signing');
  await webhooks.page.getByTestId('webhook-secret-done').click();
  await expect(row.getByTestId('webhook-rotation')).toBeVisible();
  await expect(row.getByTestId('webhook-failing')).toHaveCount(0);

  // Disable (asks first) and enable again; edit the description; delete (asks first).
  await row.getByTestId('webhook-toggle').click();
  await webhooks.page.getByTestId('confirm-ok').click();
  await expect(row).toHaveAttribute('data-enabled', 'false');
  await expect(row.getByTestId('webhook-state')).toHaveText('Disabled');
  await row.getByTestId('webhook-toggle').click();
  await expect(row).toHaveAttribute('data-enabled', 'true');
  await row.getByTestId('webhook-edit').click();
  await webhooks.page.getByTestId('webhook-description').fill('Partner feed (Coastal Times)');
  await webhooks.page.getByTestId('webhook-submit').click();
  await expect(row).toContainText('Partner feed (Coastal Times)');
  await row.getByTestId('webhook-delete').click();
  await webhooks.page.getByTestId('confirm-ok').click();
  await expect(row).toHaveCount(0);
});

test('the deliveries page lists the newest fifty, and older ones on request', async ({ ben, openSession, adminApi }, testInfo) => {
  const hooks = await startWebhookReceiver();
  receiver = hooks;
  const created = await adminApi.post('/api/webhooks', { data: { url: hooks.url, events: ['article.published', 'article.updated'] } });
  expect(created.status()).toBe(201);

  // One story, published, then corrected fifty times: fifty-one deliveries.
  const editor = await ben.desk.newArticle();
  await editor.typeInHeadline('Tide tables for the week');
  await editor.typeInBody('High water at six.');
  await expect(editor.saveState).toHaveText('All changes saved');
  const rest = new Rest(ben.page);
  for (const action of ['submit', 'approve', 'publish'] as const) await rest.transition(editor.articleId, action);
  for (let i = 1; i <= 50; i++) await rest.transition(editor.articleId, 'update', `Correction ${i}.`);
  await expect.poll(() => hooks.received.length, { timeout: 30_000 }).toBe(51);

  const adminSession = await openSession(admin);
  const webhooks = new WebhooksPage(adminSession.page);
  await webhooks.openFromNav();
  const deliveries = await webhooks.openDeliveries(hooks.url);
  await expect(deliveries.rows).toHaveCount(50);
  await expect(deliveries.rows.first()).toContainText('article.updated');
  await deliveries.showOlder.scrollIntoViewIfNeeded();
  await keepScreenshot(testInfo, 'deliveries-show-older', deliveries.page);
  await deliveries.showOlder.click();
  await expect(deliveries.rows).toHaveCount(51);
  await expect(deliveries.rows.last()).toContainText('article.published');
  await expect(deliveries.showOlder).toHaveCount(0);
});
