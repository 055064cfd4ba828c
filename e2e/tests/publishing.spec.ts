/**
 * Publishing, end to end: an administrator adds a webhook endpoint on the webhooks page (and
 * copies its secret, shown once); an editor takes a story through submit, approve and publish
 * with the workflow buttons; a real HTTP receiver gets the article, signed; the RSS feed lists
 * it; the deliveries page shows the delivery, its attempt, and sends it again on request.
 */
import { keepScreenshot } from '../support/artifacts.js';
import { expect, test } from '../support/fixtures.js';
import { admin } from '../support/people.js';
import { storedArticle } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { WebhooksPage } from '../support/webhooks-page.js';

interface PublishedEvent {
  type: string;
  data: { revision: { articleId: string; number: number; headline: string; dek: string; html: string; canonicalUrl: string } };
}

let receiver: WebhookReceiver | undefined;
test.afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
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
  await expect(editor.wordCount).toHaveAttribute('data-words', '12');
  await expect.poll(async () => (await storedArticle(adminApi, articleId)).wordCount).toBe(12);

  const status = ben.page.getByTestId('status-pill');
  await ben.page.getByTestId('action-submit').click();
  await expect(status).toHaveAttribute('data-status', 'in_review');
  await ben.page.getByTestId('action-approve').click();
  await expect(status).toHaveAttribute('data-status', 'approved');
  await ben.page.getByTestId('action-publish').click();
  await ben.page.getByTestId('transition-confirm').click();
  await expect(status).toHaveAttribute('data-status', 'published');

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
  expect(xml).toContain(`<title><![CDATA[${headline}]]></title>`);
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
});
