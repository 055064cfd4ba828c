/**
 * Time per keystroke in the real editor: Chromium (Debian's, through playwright-core) opens
 * a 10,000-word article from the built client while two other editors type into it from
 * Node, and 200 characters are typed. In the page, each keydown is timed to the editor's DOM
 * update (the work a keystroke costs) and to the next frame after it (what the person sees).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { chromium, type Page } from 'playwright-core';
import { socketClass } from '../load/clients.js';
import type { ServerUnderTest } from '../servers/launch.js';
import { summarize, type Summary } from '../stats.js';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type KeystrokeReport =
  | { measured: true; words: number; keystrokes: number; inputMs: Summary; frameMs: Summary; liveEditors: number }
  | { measured: false; reason: string };

export function keystrokeSkipReason(dist: string): string | undefined {
  if (!existsSync(join(dist, 'index.html'))) return 'client not built';
  if (!existsSync(CHROMIUM)) return `no browser at ${CHROMIUM}`;
  return undefined;
}

const WORDS = 'the council voted late on tuesday to approve a budget that reporters had been chasing for weeks'.split(' ');

/** A body of `paragraphs` paragraphs of `words` words, as y-tiptap lays it out. */
function seedBody(doc: Y.Doc, paragraphs: number, words: number): void {
  const body = doc.getXmlFragment('body');
  doc.transact(() => {
    const nodes: Y.XmlElement[] = [];
    for (let p = 0; p < paragraphs; p++) {
      const el = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, Array.from({ length: words }, (_, w) => WORDS[(p * 7 + w) % WORDS.length]).join(' '));
      el.insert(0, [text]);
      nodes.push(el);
    }
    body.insert(0, nodes);
  });
}

interface LiveEditor {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function connectEditor(server: ServerUnderTest, room: string, name: string): Promise<LiveEditor> {
  const target = server.target();
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.wsUrl, room, doc, {
    WebSocketPolyfill: socketClass(target.headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name, color: '#3366cc' });
  return new Promise((resolve) => provider.once('sync', () => resolve({ doc, provider })));
}

function paragraphText(doc: Y.Doc, index: number): Y.XmlText | undefined {
  const el = doc.getXmlFragment('body').get(index);
  const first = el instanceof Y.XmlElement ? el.get(0) : undefined;
  return first instanceof Y.XmlText ? first : undefined;
}

/**
 * A client without accounts asks for a display name in a modal dialog first: answer it the
 * way a person would (type a name, submit), so the editor behind it takes the keys.
 */
async function dismissDialogs(page: Page): Promise<void> {
  const dialog = page.locator('dialog[open]');
  if ((await dialog.count()) === 0) return;
  const input = dialog.locator('input[type="text"], input:not([type])').first();
  if ((await input.count()) > 0) await input.fill('Bench editor');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
}

export async function measureKeystrokes(server: ServerUnderTest, baseUrl: string, typed = 200): Promise<KeystrokeReport> {
  const [room] = await server.createRooms(1, 'Keystroke article');
  const editors = [await connectEditor(server, room!, 'Desk editor'), await connectEditor(server, room!, 'Reporter')];
  seedBody(editors[0]!.doc, 100, 100);
  await new Promise((r) => setTimeout(r, 1000));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const typing: NodeJS.Timeout[] = [];
  try {
    const context = await browser.newContext();
    const cookie = server.target().headers.cookie;
    if (cookie) {
      await context.addCookies(
        cookie.split('; ').map((c) => {
          const i = c.indexOf('=');
          return { name: c.slice(0, i), value: c.slice(i + 1), url: baseUrl };
        }),
      );
    }
    const page = await context.newPage();
    await page.goto(`${baseUrl}/articles/${room}`);
    const editor = page.locator('.ProseMirror[contenteditable="true"]');
    await editor.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => (document.querySelector('.ProseMirror')?.textContent ?? '').split(/\s+/).length >= 9000, undefined, {
      timeout: 30_000,
    });
    // Two other editors type steadily elsewhere in the article (about 7 characters a second).
    editors.forEach((e, i) => {
      typing.push(
        setInterval(() => {
          const text = paragraphText(e.doc, 20 + i * 10);
          text?.insert(text.length, 'x');
        }, 150),
      );
    });
    await dismissDialogs(page);
    await page.locator('.ProseMirror p').nth(50).click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const w = window as unknown as { __keys: { input: number; frame: number }[] };
      w.__keys = [];
      let down = 0;
      document.addEventListener('keydown', () => (down = performance.now()), true);
      const root = document.querySelector('.ProseMirror')!;
      new MutationObserver(() => {
        if (!down) return;
        const start = down;
        const input = performance.now() - start;
        down = 0;
        requestAnimationFrame(() => setTimeout(() => w.__keys.push({ input, frame: performance.now() - start }), 0));
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    const text = 'Polls closed at eight and the first precincts reported within the hour. '.repeat(4).slice(0, typed);
    await page.keyboard.type(text, { delay: 50 });
    await page.waitForTimeout(500);
    const keys = await page.evaluate(() => (window as unknown as { __keys: { input: number; frame: number }[] }).__keys);
    const words = await page.evaluate(() => (document.querySelector('.ProseMirror')?.textContent ?? '').split(/\s+/).length);
    return {
      measured: true,
      words,
      keystrokes: keys.length,
      inputMs: summarize(keys.map((k) => k.input)),
      frameMs: summarize(keys.map((k) => k.frame)),
      liveEditors: editors.length,
    };
  } finally {
    for (const t of typing) clearInterval(t);
    await browser.close();
    for (const e of editors) {
      e.provider.destroy();
      e.doc.destroy();
    }
  }
}

