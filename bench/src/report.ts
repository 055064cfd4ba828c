/**
 * Writes BENCHMARKS.md from a suite run: how to rerun it, on what, the targets met or not,
 * and one table with every figure as a ratio to Copydesk (Copydesk's own value in its column).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot } from './paths.js';
import { bytes, cell, count, ms, pct, us } from './report-format.js';
import type { ScenarioResult } from './scenario.js';
import type { ServerResults, SuiteResults } from './suite.js';
import { targets } from './targets.js';

interface Row {
  figure: string;
  get: (s: ServerResults) => number | undefined;
  format: (v: number | undefined) => string;
}

function scenarioRows(key: string, title: string): Row[] {
  const sc = (s: ServerResults): ScenarioResult | undefined => s.scenarios[key];
  return [
    { figure: `${title}: latency p50`, get: (s) => sc(s)?.latency.p50, format: ms },
    { figure: `${title}: latency p95`, get: (s) => sc(s)?.latency.p95, format: ms },
    { figure: `${title}: latency p99`, get: (s) => sc(s)?.latency.p99, format: ms },
    { figure: `${title}: latency max`, get: (s) => sc(s)?.latency.max, format: ms },
    { figure: `${title}: edits delivered ↑`, get: (s) => sc(s)?.delivered, format: count },
    { figure: `${title}: rooms converged ↑`, get: (s) => sc(s)?.convergedRooms, format: count },
    { figure: `${title}: server CPU per delivered edit`, get: (s) => sc(s)?.cpuPerEditUs, format: us },
    { figure: `${title}: server RSS`, get: (s) => sc(s)?.rssBytes, format: bytes },
    { figure: `${title}: RSS per open room`, get: (s) => sc(s)?.rssPerRoomBytes, format: bytes },
    { figure: `${title}: commit p99 (accepted → durable)`, get: (s) => sc(s)?.commit?.p99 ?? sc(s)?.commitWaiting?.max, format: ms },
    { figure: `${title}: generator ELU (not a server figure)`, get: (s) => sc(s)?.generator.maxElu, format: pct },
  ];
}

function table(results: SuiteResults): string {
  const [base, ...peers] = results.servers;
  if (!base) return '_no servers ran_';
  const rows: Row[] = results.profile.scenarios.flatMap((s) => scenarioRows(s.key, s.key.replace('x', ' × ')));
  rows.push(
    { figure: 'capacity: clients with p99 < 100 ms ↑', get: (s) => s.ramp?.capacity, format: count },
    { figure: `cold load (${count(results.profile.coldLoad.edits)} edits): time to synced`, get: (s) => s.coldLoad?.syncMs, format: ms },
    { figure: 'cold load: bytes sent to the client', get: (s) => s.coldLoad?.bytes, format: bytes },
  );
  const head = `| figure | ${base.label} | ${peers.map((p) => p.label).join(' | ')} |\n|---|---|${peers.map(() => '---|').join('')}`;
  const body = rows.map((r) => {
    const b = r.get(base);
    return `| ${r.figure} | ${r.format(b)} | ${peers.map((p) => cell(r.get(p), b, r.format)).join(' | ')} |`;
  });
  return [head, ...body].join('\n');
}

function rampTable(results: SuiteResults): string {
  const lines = ['| server | capacity | stopped by | steps: clients → p99 (server core, generator core) |', '|---|---|---|---|'];
  for (const s of results.servers) {
    if (!s.ramp) continue;
    const steps = s.ramp.steps
      .map((st) => `${st.clients} → ${ms(st.p99)} (${pct(st.serverCoreShare)}, ${pct(st.generatorCoreShare)})${st.refined ? ' (bisecting)' : ''}${st.retried ? ' (2nd try)' : ''}${st.passed ? '' : ' ✗'}`)
      .join('; ');
    lines.push(`| ${s.label} | ${count(s.ramp.capacity)} | ${s.ramp.stoppedBy} | ${steps} |`);
  }
  return lines.join('\n');
}

function durabilityLines(results: SuiteResults): string {
  const lines: string[] = [];
  for (const s of results.servers.filter((x) => x.persists)) {
    for (const [key, sc] of Object.entries(s.scenarios)) {
      const c = sc.commit;
      const w = sc.commitWaiting;
      const stored = c && c.count > 0 ? `${count(c.count)} commits: p50 ${ms(c.p50)}, p99 ${ms(c.p99)}, max ${ms(c.max)}` : 'no store completed in the window';
      const waiting = w ? `; ${count(w.count)} changes still unstored at the end, oldest ${ms(w.max)}` : '';
      lines.push(`- ${s.label}, ${key}: ${stored}${waiting}`);
    }
  }
  return lines.join('\n');
}

function clientSide(results: SuiteResults): string {
  const out: string[] = [];
  if (results.bundle.measured) {
    out.push(`Bundle (\`${results.bundle.dist}\`, each file gzipped at level 9 as served):`, '', '| route | files | raw | gzip |', '|---|---|---|---|');
    for (const r of results.bundle.routes) out.push(`| ${r.route} | ${r.files} | ${bytes(r.rawBytes)} | ${bytes(r.gzipBytes)} |`);
    out.push(`| all assets | | | ${bytes(results.bundle.totalGzipBytes)} |`);
  } else {
    out.push(`Bundle: not measured: ${results.bundle.reason}.`);
  }
  out.push('');
  const k = results.keystroke;
  if (k.measured) {
    out.push(
      `Typing ${k.keystrokes} characters into a ${count(k.words)}-word article with ${k.liveEditors} other editors typing live (Chromium, headless):`,
      '',
      `- keydown → editor DOM updated: p50 ${ms(k.inputMs.p50)}, p95 ${ms(k.inputMs.p95)}, max ${ms(k.inputMs.max)}`,
      `- keydown → next frame: p50 ${ms(k.frameMs.p50)}, p95 ${ms(k.frameMs.p95)}, max ${ms(k.frameMs.max)}`,
    );
  } else {
    out.push(`Keystroke timing: not measured: ${k.reason}.`);
  }
  return out.join('\n');
}

function setup(results: SuiteResults): string {
  const m = results.machine;
  const p = results.profile;
  const copydesk = results.servers.find((s) => s.name === 'copydesk');
  return [
    `- Command: \`${results.command}\` (profile \`${p.name}\`), ${results.startedAt} – ${results.finishedAt} (${results.durationS} s), commit \`${m.commit}\`${m.dirty ? ' (with uncommitted changes)' : ''}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}; ${results.pinning.note}`,
    `- Load average (1, 5, 15 min) at start ${m.loadAverage.join(', ')}, at end ${results.machineAtEnd.loadAverage.join(', ')} (the machine is shared: other work runs beside the benchmark)`,
    `- Versions: ${Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', ')}${m.chromium ? `; ${m.chromium}` : ''}`,
    `- Servers: ${results.servers.map((s) => `**${s.label}**: ${s.description}`).join('; ')}`,
    copydesk
      ? `- Copydesk ran ${copydesk.built ? 'from its build (server/dist/main.js)' : 'from source (tsx; not built)'}; clients logged in through POST /api/auth/login as the first admin and sent the session cookie with \`Origin\` on every request and WebSocket upgrade; articles were created through POST /api/articles`
      : '',
    `- Load: each client types ${p.timing.rate} characters a second (jittered); rooms mix real provider clients (Y.Doc + stock provider, typing into the article body: a paragraph each in the body fragment, so Copydesk derives and saves the word count as in the editor) and light protocol clients sending pre-encoded Yjs updates into a shared Y.Text (${p.scenarios.map((s) => `${s.key}: ${s.providersPerRoom} providers per room`).join(', ')}); measured window ${ms(p.timing.windowMs)} after a ${ms(p.timing.settleMs)} settle; ramp: rooms of ${p.ramp.clientsPerRoom} (${p.ramp.providersPerRoom} provider), ${ms(p.rampTiming.windowMs)} per step, ×${p.ramp.factor} per step from ${p.ramp.startClients} clients${p.ramp.refine ? `, then ${p.ramp.refine} bisection step${p.ramp.refine > 1 ? 's' : ''} between the last count that passed and the first that failed` : ''}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function targetsTable(results: SuiteResults): string {
  const lines = ['| target | required | measured | met |', '|---|---|---|---|'];
  for (const t of targets(results)) lines.push(`| ${t.name} | ${t.required} | ${t.measured} | ${t.met === undefined ? (t.measured === 'n/a' ? 'not measured' : 'not shown') : t.met ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

export function renderReport(results: SuiteResults): string {
  const analysisPath = join(benchRoot, 'ANALYSIS.md');
  const analysis = existsSync(analysisPath) ? readFileSync(analysisPath, 'utf8').trim() : '';
  const errors = results.servers.flatMap((s) => s.errors.map((e) => `- ${s.label}: ${e}`));
  return `# Benchmarks

Copydesk against what a newsroom would run instead, on one machine in one run, every figure
as a ratio to Copydesk (a peer's cell reads "ratio (its own value)"; below 1.00x the peer is
lower). Lower is better except where marked ↑. Generated by \`bench/\` (\`pnpm bench\`); do
not edit by hand: the analysis at the end comes from \`bench/ANALYSIS.md\`.

## Setup

${setup(results)}

## Targets

${targetsTable(results)}

## Results

${table(results)}

### Capacity ramp

${rampTable(results)}

### Durability (accepted update → durable commit)

${durabilityLines(results)}

### Client

${clientSide(results)}
${errors.length ? `\n### Errors\n\n${errors.join('\n')}\n` : ''}
## How each figure is measured

- **Latency**: every client of a room lives in one generator process; the sender notes the
  time of each keystroke by its Yjs id (client, clock), every other client notes when that id
  arrives (providers: the transaction that integrated it; light clients: \`Y.parseUpdateMeta\`
  of the frame). Only keystrokes typed inside the window count.
- **Edits delivered / converged**: deliveries seen of window edits (each edit should reach
  every other client of its room); after typing stops, a room has converged when every
  provider holds every client's every character and all providers' texts are equal.
- **Server CPU per delivered edit**: user + system time of the server process (all threads,
  \`/proc/<pid>/stat\`) from the start of typing until every delivery arrived, divided by
  deliveries. Connection setup is outside it.
- **RSS per open room**: (RSS at the end of typing − RSS of the idle server just before its
  clients connected) / rooms.
- **Generator ELU**: the busiest generator's event-loop utilisation in the window; near 100%
  the latency figures would measure the generator, not the server.
- **Cold load**: a history of ${count(results.profile.coldLoad.edits)} single-character edits (three authors, caret
  moves, 15% deletions) is sent to the server in updates of 100 edits; the server is
  restarted; a new stock provider opens the article; time from opening the socket to synced,
  median over ${results.profile.coldLoad.samples} articles.
- **Durability**: Copydesk records, per update, the time from acceptance to the end of its
  SQLite commit (\`COPYDESK_METRICS=1\`, served over IPC); Hocuspocus is measured by an
  extension from \`onChange\` to \`afterStoreDocument\` (its store is
  @hocuspocus/extension-database writing synchronously through better-sqlite3 with the table
  and queries of @hocuspocus/extension-sqlite, whose \`sqlite3\` native module needs a binary
  download or node-gyp at install). Changes still unstored when the window ends count
  with their age so far.
${analysis ? `\n${analysis}\n` : ''}`;
}

