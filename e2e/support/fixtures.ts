/**
 * Test fixtures: each person gets their own browser context (their own storage, their own
 * network link) and is signed in before the test starts. Specs import `test` and `expect` from
 * here.
 *
 *   test('…', async ({ ada, ben }) => { const editor = await ada.desk.newArticle(); … });
 */
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { adminApi, ensureAccount } from './accounts.js';
import { DeskPage } from './desk-page.js';
import { NetworkLink } from './network-link.js';
import { people, type Person } from './people.js';
import { signIn } from './sign-in.js';

/** One person at their own browser. */
export interface Session {
  readonly person: Person;
  readonly context: BrowserContext;
  /** The tab they work in; it starts on the desk. */
  readonly page: Page;
  readonly desk: DeskPage;
  /** Loses the network: the browser reports offline and every open connection drops. */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  /** What this browser sends stops reaching the app (its connections stay open) until `unstall`. */
  stall(): void;
  unstall(): void;
}

interface Fixtures {
  /** Opens a signed-in session for anyone (creating their account first); closed after the test. */
  openSession: (person: Person) => Promise<Session>;
  /** The server's API, signed in as the administrator. */
  adminApi: APIRequestContext;
  ada: Session;
  ben: Session;
}

export const test = base.extend<Fixtures>({
  adminApi: async ({ baseURL }, use) => {
    if (!baseURL) throw new Error('The e2e config must set use.baseURL');
    const api = await adminApi(baseURL);
    await use(api);
    await api.dispose();
  },
  openSession: async ({ browser, baseURL, adminApi: api }, use, testInfo) => {
    if (!baseURL) throw new Error('The e2e config must set use.baseURL');
    const opened: { session: Session; link: NetworkLink; pageErrors: string[] }[] = [];

    await use(async (person) => {
      await ensureAccount(api, person);
      const link = await NetworkLink.open(baseURL);
      const context = await browser.newContext({ proxy: link.proxy });
      const pageErrors: string[] = [];
      context.on('weberror', (error) => pageErrors.push(String(error.error())));
      const page = await signIn(context, person);
      const session: Session = {
        person,
        context,
        page,
        desk: new DeskPage(page),
        async goOffline() {
          await context.setOffline(true);
          link.cut();
        },
        async goOnline() {
          link.restore();
          await context.setOffline(false);
        },
        stall: () => link.stall(),
        unstall: () => link.unstall(),
      };
      opened.push({ session, link, pageErrors });
      return session;
    });

    const failed = testInfo.status !== testInfo.expectedStatus;
    for (const { session, link, pageErrors } of opened) {
      if (failed && !session.page.isClosed()) {
        await testInfo.attach(`${session.person.name} at failure`, {
          body: await session.page.screenshot(),
          contentType: 'image/png',
        });
      }
      await session.context.close();
      await link.close();
      expect(pageErrors, `uncaught errors in ${session.person.name}'s browser`).toEqual([]);
    }
  },
  ada: async ({ openSession }, use) => use(await openSession(people.ada)),
  ben: async ({ openSession }, use) => use(await openSession(people.ben)),
});

export { expect };
