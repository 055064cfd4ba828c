import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from './live-event.js';
import { summary } from '../desk/test-articles.js';

/** A stand-in for the browser's EventSource: the test plays the server. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.all.push(this);
  }
  send(type: string, data: unknown): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  fail(giveUp: boolean): void {
    this.readyState = giveUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
  }
  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
}

const article = summary('a1', { headline: 'Pier', createdBy: 'u1', statusChangedAt: null });

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers();
  FakeEventSource.all = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('subscribeEvents', () => {
  it('shares one connection between subscribers and closes it with the last', async () => {
    const { subscribeEvents } = await import('./use-events.js');
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    const offA = subscribeEvents({ article: (e) => a.push(e) });
    const offB = subscribeEvents({ article: (e) => b.push(e), presence: (e) => b.push(e) });
    expect(FakeEventSource.all).toHaveLength(1);
    const es = FakeEventSource.all[0]!;
    expect(es.url).toBe('/api/events');
    es.send('ready', {});
    es.send('article', { type: 'article', article });
    es.send('presence', { type: 'presence', articleId: 'a1', editing: [{ id: 'u1', name: 'Ada', color: '#000' }] });
    expect(a.map((e) => e.type)).toEqual(['article']);
    expect(b.map((e) => e.type)).toEqual(['article', 'presence']);
    offA();
    expect(es.closed).toBe(false);
    offB();
    expect(es.closed).toBe(true);
  });

  it('drops events it does not understand', async () => {
    const { subscribeEvents } = await import('./use-events.js');
    const seen: LiveEvent[] = [];
    subscribeEvents({ article: (e) => seen.push(e) });
    const es = FakeEventSource.all[0]!;
    es.send('article', { type: 'article', article: { id: 'a1' } });
    es.dispatchEvent(new MessageEvent('article', { data: 'not json' }));
    expect(seen).toEqual([]);
  });

  it('says when the stream is live again after a drop, so subscribers reload', async () => {
    const { subscribeEvents } = await import('./use-events.js');
    const ready: boolean[] = [];
    subscribeEvents({ ready: ({ reconnected }) => ready.push(reconnected) });
    const es = FakeEventSource.all[0]!;
    es.send('ready', {});
    es.fail(false); // the browser reconnects by itself
    es.send('ready', {});
    expect(ready).toEqual([false, true]);
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it('opens a new connection after a pause when the browser gives up', async () => {
    const { subscribeEvents } = await import('./use-events.js');
    subscribeEvents({});
    FakeEventSource.all[0]!.fail(true);
    expect(FakeEventSource.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(FakeEventSource.all).toHaveLength(2);
    FakeEventSource.all[1]!.fail(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(FakeEventSource.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(FakeEventSource.all).toHaveLength(3);
  });

  it('asks whether the session ended when the browser gives up, and a 401 ends it', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(path);
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Sign in.' } }), { status: 401 });
    });
    const { onUnauthorized } = await import('../api/http.js');
    const { subscribeEvents } = await import('./use-events.js');
    let ended = 0;
    onUnauthorized(() => ended++);
    subscribeEvents({});
    FakeEventSource.all[0]!.fail(false); // the browser retries by itself: nothing to ask yet
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual([]);
    FakeEventSource.all[0]!.fail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual(['/api/me']);
    expect(ended).toBe(1);
  });
});
