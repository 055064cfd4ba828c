/** The issue's targets, checked against a suite run. */
import { ms, us, bytes, count } from './report-format.js';
import { formatRatio, ratio } from './stats.js';
import type { ServerResults, SuiteResults } from './suite.js';
import type { ServerName } from './servers/launch.js';

export interface TargetCheck {
  name: string;
  required: string;
  measured: string;
  /** undefined when a figure it needs is missing. */
  met: boolean | undefined;
}

function by(results: SuiteResults, name: ServerName): ServerResults | undefined {
  return results.servers.find((s) => s.name === name);
}

function finite(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v);
}

/** The lower of two optional figures, with the name of whoever has it. */
function better(a: ServerResults | undefined, b: ServerResults | undefined, get: (s: ServerResults) => number | undefined): { value: number; who: string } | undefined {
  const options = [a, b].filter((s): s is ServerResults => s !== undefined && finite(get(s))).map((s) => ({ value: get(s)!, who: s.label }));
  options.sort((x, y) => x.value - y.value);
  return options[0];
}

function check(name: string, required: string, value: number | undefined, limit: number | undefined, measured: (v: number, l: number) => string, max: number): TargetCheck {
  if (!finite(value) || !finite(limit)) return { name, required, measured: 'n/a', met: undefined };
  const r = ratio(value, limit)!;
  return { name, required, measured: measured(value, limit), met: r <= max };
}

export function targets(results: SuiteResults): TargetCheck[] {
  const cd = by(results, 'copydesk');
  const hp = by(results, 'hocuspocus');
  const ref = by(results, 'reference');
  const relay = by(results, 'relay');
  const out: TargetCheck[] = [];
  const cpu = (s: ServerResults) => s.scenarios['100x5']?.cpuPerEditUs;
  const peerCpu = better(hp, ref, cpu);
  out.push(
    check('CPU per delivered edit, 100 × 5, vs better peer', '≤ 0.80x', cd && cpu(cd), peerCpu?.value, (v, l) => `${formatRatio(v / l)} (${us(v)} vs ${peerCpu!.who} ${us(l)})`, 0.8),
    check('CPU per delivered edit, 100 × 5, vs raw relay', '≤ 1.50x', cd && cpu(cd), relay && cpu(relay), (v, l) => `${formatRatio(v / l)} (${us(v)} vs ${us(l)})`, 1.5),
  );
  for (const key of ['20x5', '100x5']) {
    const p99 = (s: ServerResults) => s.scenarios[key]?.latency.p99;
    const peer = better(hp, ref, p99);
    out.push(check(`p99 latency, ${key.replace('x', ' × ')}, vs better peer`, '≤ 1.00x', cd && p99(cd), peer?.value, (v, l) => `${formatRatio(v / l)} (${ms(v)} vs ${peer!.who} ${ms(l)})`, 1));
  }
  const cap = (s: ServerResults) => s.ramp?.capacity;
  const capCd = cd && cap(cd);
  const capHp = hp && cap(hp);
  // A ramp that ended at the generators' limit (or the profile's cap) shows a lower bound only.
  const bounded = (s: ServerResults | undefined) => s?.ramp?.stoppedBy === 'generator saturated' || s?.ramp?.stoppedBy === 'max clients';
  const capRatio = finite(capCd) && finite(capHp) && capHp > 0 ? capCd / capHp : undefined;
  out.push(
    capRatio !== undefined
      ? {
          name: 'capacity vs Hocuspocus',
          required: '≥ 1.50x',
          measured: `${bounded(cd) ? 'at least ' : ''}${formatRatio(capRatio)} (${count(capCd!)}${bounded(cd) ? ` or more: the ramp ended at ${cd!.ramp!.stoppedBy === 'max clients' ? 'its cap' : "the generators' limit"}` : ''} vs ${count(capHp!)}${bounded(hp) ? ' or more' : ''} clients)`,
          met: capRatio >= 1.5 && !bounded(hp) ? true : bounded(cd) ? undefined : false,
        }
      : { name: 'capacity vs Hocuspocus', required: '≥ 1.50x', measured: 'n/a', met: undefined },
  );
  const cold = (s: ServerResults) => s.coldLoad?.syncMs;
  out.push(check(`cold load, ${count(results.profile.coldLoad.edits)}-edit article, vs Hocuspocus`, '≤ 1.00x', cd && cold(cd), hp && cold(hp), (v, l) => `${formatRatio(v / l)} (${ms(v)} vs ${ms(l)})`, 1));
  const commitP99 = cd ? Math.max(...Object.values(cd.scenarios).map((s) => s.commit?.p99 ?? Number.NaN)) : undefined;
  out.push(
    finite(commitP99)
      ? { name: 'durability: accepted → committed p99 (worst scenario)', required: '< 50 ms', measured: ms(commitP99), met: commitP99 < 50 }
      : { name: 'durability: accepted → committed p99 (worst scenario)', required: '< 50 ms', measured: 'n/a', met: undefined },
  );
  const rss = (s: ServerResults) => s.scenarios['100x5']?.rssPerRoomBytes;
  out.push(check('RSS per open room, 100 × 5, vs Hocuspocus', '≤ 1.00x', cd && rss(cd), hp && rss(hp), (v, l) => `${formatRatio(v / l)} (${bytes(v)} vs ${bytes(l)})`, 1));
  return out;
}
