/** A person an administrator signed out (a role change) is told why by the next request their old cookie makes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createPerson, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

async function refusal(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('sessions ended by an administrator', () => {
  it('say why on every request until the person signs in again', async () => {
    const wren = await createPerson(server, 'writer', 'Wren');
    expect((await api(server, server.admin, 'PATCH', `/api/users/${wren.user.id}`, { role: 'editor' })).status).toBe(200);
    for (const path of ['/api/me', '/api/articles', '/api/me']) {
      const res = await api(server, wren, 'GET', path);
      expect(res.status).toBe(401);
      const error = await refusal(res);
      expect(error.code).toBe('unauthenticated');
      expect(error.message).toBe('An administrator changed your role from writer to editor, which signed you out. Sign in again to continue as an editor.');
    }
  });

  it('say nothing special for an ordinary sign-out or an unknown cookie', async () => {
    const wren = await createPerson(server, 'writer', 'Wren Two');
    expect((await api(server, wren, 'POST', '/api/auth/logout')).status).toBe(200);
    const res = await api(server, wren, 'GET', '/api/me');
    expect(res.status).toBe(401);
    expect((await refusal(res)).message).toBe('Sign in to continue.');
  });
});
