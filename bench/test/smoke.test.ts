/**
 * The benchmark, tiny: every server, every figure produced, every room converged. No timing
 * is asserted (the machine is shared); `pnpm bench` is where the figures mean something.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../src/profiles.js';
import { renderReport } from '../src/report.js';
import { runSuite, type SuiteResults } from '../src/suite.js';
import { targets } from '../src/targets.js';

const finite = (v: number | undefined) => v !== undefined && Number.isFinite(v);

describe('bench smoke run', () => {
  let results: SuiteResults;

  it('runs every server through every part', { timeout: 240_000 }, async () => {
    results = await runSuite(PROFILES.smoke, {
      servers: ['copydesk', 'hocuspocus', 'reference', 'relay'],
      clientDist: '/nonexistent/client/dist',
      command: 'vitest smoke',
      log: () => {},
    });
    expect(results.servers.map((s) => s.name)).toEqual(['copydesk', 'hocuspocus', 'reference', 'relay']);
    for (const s of results.servers) expect(s.errors, s.label).toEqual([]);
  });

  it('produces every figure and converges every room', () => {
    for (const s of results.servers) {
      for (const spec of PROFILES.smoke.scenarios) {
        const r = s.scenarios[spec.key]!;
        expect(r, `${s.label} ${spec.key}`).toBeDefined();
        expect(r.convergedRooms, `${s.label} ${spec.key} converged`).toBe(spec.rooms);
        expect(r.divergentRooms).toEqual([]);
        expect(r.delivered, `${s.label} ${spec.key} deliveries`).toBe(r.expected);
        expect(r.sent).toBeGreaterThan(0);
        for (const v of [r.latency.p50, r.latency.p95, r.latency.p99, r.latency.max, r.cpuPerEditUs, r.rssBytes, r.rssPerRoomBytes, r.generator.maxElu]) {
          expect(finite(v), `${s.label} ${spec.key}`).toBe(true);
        }
        if (s.persists && s.name === 'copydesk') expect(r.commit!.count).toBeGreaterThan(0);
      }
      expect(s.ramp!.steps.length).toBeGreaterThan(0);
      expect(s.ramp!.steps.every((st) => st.converged)).toBe(true);
      if (s.persists) {
        expect(s.coldLoad!.bytes).toBeGreaterThan(0);
        expect(finite(s.coldLoad!.syncMs)).toBe(true);
      } else {
        expect(s.coldLoad).toBeUndefined();
      }
    }
  });

  it('reports client figures as not measured without a built client, and renders the report', () => {
    expect(results.bundle).toEqual({ measured: false, reason: 'client not built' });
    expect(results.keystroke.measured).toBe(false);
    const md = renderReport(results);
    expect(md).toContain('| figure | Copydesk | Hocuspocus | y-websocket ref. | raw relay |');
    expect(md).toContain('not measured: client not built');
    expect(targets(results).length).toBe(8);
  });
});
