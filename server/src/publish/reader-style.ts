/**
 * The reader page's own stylesheet, served at READER_CSS_PATH (the CSP allows no inline style
 * sheets from outside and no scripts, and the page needs neither). Small, system fonts, light
 * and dark, readable measure.
 */
import { createHash } from 'node:crypto';

export const READER_CSS = `
:root { color-scheme: light dark; --ink: #1d1d1f; --soft: #55555c; --rule: #dcdce0; --paper: #fdfcf9; --accent: #9b1c1c; --note: #fff6e0; }
@media (prefers-color-scheme: dark) { :root { --ink: #ececef; --soft: #a8a8b0; --rule: #3a3a40; --paper: #17171a; --accent: #f08a8a; --note: #2c2614; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1.125rem/1.65 Georgia, "Iowan Old Style", "Times New Roman", serif; }
a { color: var(--accent); text-underline-offset: 2px; }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem 1rem; z-index: 1; }
.masthead, .story, .site-footer { max-width: 42rem; margin: 0 auto; padding: 0 1.25rem; }
.masthead { border-bottom: 1px solid var(--rule); padding-top: 1rem; padding-bottom: .75rem; font: 700 1.05rem/1.2 system-ui, sans-serif; letter-spacing: .02em; }
.preview-banner { margin: 0; padding: .75rem 1.25rem; background: var(--note); border-bottom: 1px solid var(--rule); font: .95rem/1.4 system-ui, sans-serif; text-align: center; }
.story { padding-top: 2rem; padding-bottom: 3rem; }
.kicker { margin: 0 0 .5rem; font: 700 .8rem/1.2 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .08em; color: var(--accent); }
h1 { font-size: clamp(1.9rem, 5vw, 2.6rem); line-height: 1.15; margin: 0 0 .75rem; overflow-wrap: anywhere; }
.dek { font-size: 1.3rem; line-height: 1.45; color: var(--soft); margin: 0 0 1.25rem; }
.meta { font: .9rem/1.5 system-ui, sans-serif; color: var(--soft); border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); padding: .6rem 0; margin: 0 0 1.75rem; }
.meta .byline { color: var(--ink); font-weight: 600; }
.body h2, .body h3, .body h4 { line-height: 1.25; margin: 2rem 0 .5rem; }
.body blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--soft); }
.body p, .body li { overflow-wrap: break-word; }
.notes { margin-top: 2.5rem; padding: 1rem 1.25rem; background: var(--note); border-radius: 6px; font-size: 1rem; }
.notes h2 { font: 700 .85rem/1.2 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; margin: 0 0 .5rem; }
.notes ul { margin: 0; padding: 0; list-style: none; }
.notes li + li { margin-top: .5rem; }
.notes time { font-weight: 700; }
.tags { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 2rem 0 0; font: .85rem/1.2 system-ui, sans-serif; }
.tags li { border: 1px solid var(--rule); border-radius: 999px; padding: .3rem .7rem; color: var(--soft); }
.site-footer { border-top: 1px solid var(--rule); padding-top: 1rem; padding-bottom: 2rem; font: .85rem/1.4 system-ui, sans-serif; color: var(--soft); }
.problem { text-align: center; padding-top: 4rem; }
`;

/** Changes with the sheet, so pages can ask for it by a URL that may be cached for ever. */
export const READER_CSS_VERSION = createHash('sha256').update(READER_CSS).digest('hex').slice(0, 12);
export const READER_CSS_PATH = '/reader.css';
