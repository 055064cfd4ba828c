/**
 * Login throttling through the real server (the arithmetic is in src/auth/throttle.test.ts):
 * waits instead of lockouts, counted before the password check, per account and address, per
 * account and per address; behind a proxy, by the address the proxy appended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, api, createPerson, startTestServer, type Actor, type TestServer } from './helpers.js';

let server: TestServer;
afterEach(async () => {
  await server?.dispose();
});

const WRONG = 'wrong password!';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs in (or tries to) as `email`, from `address` when the server trusts X-Forwarded-For. */
function signIn(email: string, password: string, address?: string): Promise<Response> {
  return api(server, null, 'POST', '/api/auth/login', { email, password }, address ? { 'x-forwarded-for': address } : {});
}

function changePassword(actor: Actor, current: string, password: string): Promise<Response> {
  return api(server, actor, 'POST', '/api/me/password', { current, password });
}

const retryAfter = (res: Response) => Number(res.headers.get('retry-after'));
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('signing in', () => {
  it('after the free failures, answers 429 with a Retry-After that doubles, then lets the right password in', async () => {
    server = await startTestServer({ LOGIN_FREE_FAILURES: '2', LOGIN_DELAY_FIRST_SECONDS: '1' });
    expect((await signIn(ADMIN.email, WRONG)).status).toBe(401);
    expect((await signIn(ADMIN.email, WRONG)).status).toBe(401);
    const first = await signIn(ADMIN.email, ADMIN.password);
    expect(first.status).toBe(429);
    expect(retryAfter(first)).toBe(1);
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
    await sleep(1100);
    expect((await signIn(ADMIN.email, WRONG)).status).toBe(401);
    const second = await signIn(ADMIN.email, ADMIN.password);
    expect(second.status).toBe(429);
    expect(retryAfter(second)).toBe(2);
    await sleep(2100);
    expect((await signIn(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('counts a guess before checking it: of 25 sent at once, only the free ones reach the check', async () => {
    // A long first wait, so that a slow machine cannot see it end before the last guess arrives.
    server = await startTestServer({ LOGIN_DELAY_FIRST_SECONDS: '30' });
    const answers = await Promise.all(Array.from({ length: 25 }, () => signIn(ADMIN.email, WRONG)));
    const statuses = answers.map((r) => r.status);
    expect(count(statuses, 401)).toBe(5);
    expect(count(statuses, 429)).toBe(20);
    for (const r of answers.filter((a) => a.status === 429)) expect(retryAfter(r)).toBeGreaterThan(0);
  });

  it('of 145 guesses at one account from 5 addresses at once, no more than the account allows reach the check', async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', LOGIN_DELAY_FIRST_SECONDS: '30' });
    const guesses = Array.from({ length: 145 }, (_, i) => signIn(ADMIN.email, WRONG, `198.51.100.${i % 5}`));
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(count(statuses, 401)).toBe(20);
    expect(count(statuses, 429)).toBe(125);
  });

  it('a guesser does not lock a colleague out: the wait is theirs, at their address', async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', LOGIN_DELAY_FIRST_SECONDS: '30' });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(ADMIN.email, WRONG, '198.51.100.66')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect((await signIn(ADMIN.email, ADMIN.password, '203.0.113.20')).status).toBe(200);
  });

  it('guessing spread over many addresses makes new addresses wait a little, never the ones the person signs in from', async () => {
    server = await startTestServer({
      TRUST_PROXY: 'true',
      LOGIN_ACCOUNT_FREE_FAILURES: '4',
      LOGIN_DELAY_FIRST_SECONDS: '30',
      LOGIN_ACCOUNT_DELAY_MAX_SECONDS: '45',
    });
    expect((await signIn(ADMIN.email, ADMIN.password, '203.0.113.20')).status).toBe(200);
    for (let i = 1; i <= 4; i++) expect((await signIn(ADMIN.email, WRONG, `198.51.100.${i}`)).status).toBe(401);
    const fresh = await signIn(ADMIN.email, ADMIN.password, '198.51.100.5');
    expect(fresh.status).toBe(429);
    expect(retryAfter(fresh)).toBeLessThanOrEqual(45);
    expect((await signIn(ADMIN.email, ADMIN.password, '203.0.113.20')).status).toBe(200);
  });

  it('one noisy address (a whole office behind one proxy) does not lock out the people behind it', async () => {
    server = await startTestServer();
    const noise = Array.from({ length: 7 }, async (_, who) => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await signIn(`typo${who}@copydesk.test`, WRONG)).status);
      return statuses;
    });
    expect((await Promise.all(noise)).flat()).toEqual(Array(35).fill(401));
    expect((await signIn(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('has a per-address limit across accounts, counted at the address the proxy appended, not what the client wrote', async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', LOGIN_ADDRESS_MAX_FAILURES: '5' });
    // A sprayer rotating the first X-Forwarded-For entry, through our proxy at 203.0.113.7.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(`nobody${i}@copydesk.test`, WRONG, `10.9.${i}.1, 203.0.113.7`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await signIn(ADMIN.email, ADMIN.password, '10.9.0.1, 203.0.113.8')).status).toBe(200);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    server = await startTestServer();
    const a = await signIn('nobody@copydesk.test', 'whatever-long');
    const b = await signIn(ADMIN.email, 'whatever-long');
    expect(a.status).toBe(401);
    expect(await a.json()).toEqual(await b.json());
  });
});

describe('a new password lifts the waits', () => {
  it('when an admin resets it', async () => {
    server = await startTestServer({ LOGIN_DELAY_FIRST_SECONDS: '600' });
    const writer = await createPerson(server, 'writer');
    for (let i = 0; i < 5; i++) expect((await signIn(writer.user.email, WRONG)).status).toBe(401);
    expect((await signIn(writer.user.email, WRONG)).status).toBe(429);
    const reset = await api(server, server.admin, 'PATCH', `/api/users/${writer.user.id}`, { password: 'a fresh long password' });
    expect(reset.status).toBe(200);
    expect((await signIn(writer.user.email, 'a fresh long password')).status).toBe(200);
  });

  it('when the person changes it', async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', LOGIN_DELAY_FIRST_SECONDS: '600' });
    for (let i = 0; i < 5; i++) expect((await signIn(ADMIN.email, WRONG, '198.51.100.9')).status).toBe(401);
    expect((await signIn(ADMIN.email, WRONG, '198.51.100.9')).status).toBe(429);
    expect((await changePassword(server.admin, ADMIN.password, 'a fresh long password')).status).toBe(200);
    expect((await signIn(ADMIN.email, 'a fresh long password', '198.51.100.9')).status).toBe(200);
  });
});

describe('changing one’s password', () => {
  it('limits wrong current passwords as sign-ins are limited, counting each before the check', async () => {
    server = await startTestServer({ LOGIN_DELAY_FIRST_SECONDS: '30' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => changePassword(server.admin, WRONG, 'a fresh long password')));
    const statuses = answers.map((r) => r.status);
    expect(count(statuses, 400)).toBe(5);
    expect(count(statuses, 429)).toBe(3);
    for (const r of answers.filter((a) => a.status === 429)) expect(retryAfter(r)).toBeGreaterThan(0);
    expect((await changePassword(server.admin, ADMIN.password, 'a fresh long password')).status).toBe(429);
  });
});
