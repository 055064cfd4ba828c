/**
 * Request bodies are limited while they stream in, before sign-in: a stranger sending hundreds
 * of megabytes gets a 413 after a few kilobytes and the server's memory stays where it was.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, api, login, startTestServer, type Target, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const MiB = 1024 * 1024;

interface Answer {
  status: number;
  body: string;
}

/**
 * POSTs `total` bytes of an unterminated JSON string, as fast as the socket takes them, until
 * the server answers (then stops and reads the answer). The bytes come from one reused chunk,
 * so the sender holds next to nothing. With `declare`, Content-Length announces them all up
 * front; without, the body goes chunked, its size known to nobody.
 */
function flood(target: Target, path: string, total: number, { declare = false, cookie = '' } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, target.url), {
      method: 'POST',
      headers: {
        origin: target.origin,
        'content-type': 'application/json',
        ...(declare ? { 'content-length': String(total) } : {}),
        ...(cookie ? { cookie } : {}),
      },
    });
    const head = Buffer.from('{"email":"a@b.test","password":"');
    const fill = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let answered = false;
    const pump = () => {
      while (!answered && sent < total) {
        const piece = sent === 0 ? head : fill.subarray(0, Math.min(fill.length, total - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    // The server closes the socket once it has answered and drained a little; writes after
    // that fail, which is expected.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    pump();
  });
}

/** Runs `fn` while sampling the process's resident memory; returns the peak growth in bytes. */
async function rssGrowth(fn: () => Promise<void>): Promise<number> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    await fn();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage.rss()) - before;
}

function expectTooLarge(answer: Answer, what: string) {
  expect(answer.status, what).toBe(413);
  expect(JSON.parse(answer.body), what).toMatchObject({ error: { code: 'payload_too_large' } });
}

describe('request body limits', () => {
  it('refuses huge bodies to sign-in and to a JSON route, streamed or declared, without holding them', async () => {
    const answers: [string, Answer][] = [];
    const growth = await rssGrowth(async () => {
      for (const declare of [false, true]) {
        const how = declare ? 'declared' : 'chunked';
        answers.push([`login, ${how}`, await flood(server, '/api/auth/login', 200 * MiB, { declare })]);
        // Refused before the session is looked at: a stranger gets 413 here, not 401.
        answers.push([`articles, ${how}, signed out`, await flood(server, '/api/articles', 200 * MiB, { declare })]);
        answers.push([`articles, ${how}, signed in`, await flood(server, '/api/articles', 200 * MiB, { declare, cookie: server.admin.cookie })]);
      }
    });
    for (const [what, answer] of answers) expectTooLarge(answer, what);
    // Six 200 MiB bodies read whole would take gigabytes; refused early they take next to nothing.
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('takes bodies up to the limit, declared or chunked', async () => {
    const padded = JSON.stringify({ headline: 'Just under the limit', padding: 'x'.repeat(MiB - 100) });
    expect(Buffer.byteLength(padded)).toBeLessThan(MiB);
    const res = await fetch(`${server.url}/api/articles`, {
      method: 'POST',
      headers: { origin: server.origin, cookie: server.admin.cookie, 'content-type': 'application/json' },
      body: padded,
    });
    expect(res.status).toBe(201);

    expect((await login(server, ADMIN.email, ADMIN.password)).user.email).toBe(ADMIN.email);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('/api/auth/login', server.url), { method: 'POST', headers: { origin: server.origin, 'content-type': 'application/json' } });
      req.on('response', (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      // Two writes without a Content-Length: sent chunked.
      req.write(`{"email":${JSON.stringify(ADMIN.email)},`);
      req.end(`"password":${JSON.stringify(ADMIN.password)}}`);
    });
    expect(chunked).toBe(200);
  });

  it('takes its limits from the environment', async () => {
    const small = await startTestServer({ MAX_AUTH_BODY_BYTES: '8192' });
    try {
      // Unknown keys are dropped by the schema, so only the size tells these apart.
      const padded = { email: ADMIN.email, password: ADMIN.password, padding: 'x'.repeat(9000) };
      const refused = await api(small, null, 'POST', '/api/auth/login', padded);
      expectTooLarge({ status: refused.status, body: await refused.text() }, 'padded login');
      expect((await api(server, null, 'POST', '/api/auth/login', padded)).status).toBe(200);
    } finally {
      await small.dispose();
    }
  });
});
