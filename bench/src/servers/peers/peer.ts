/**
 * Entry of a peer server process: `peer.ts <hocuspocus|reference|relay>` with PORT (and
 * BENCH_DB, BENCH_TOKEN) in the environment. Talks to the orchestrator over IPC: `ready`
 * once listening, durability samples on request, a clean stop on `shutdown`.
 */
export interface PeerMetrics {
  /** Accepted change to durable store, milliseconds. */
  commitMs: number[];
  /** Changes not yet stored when asked: their age so far (lower bounds). */
  waitingMs: number[];
}

export interface PeerHandle {
  metrics(reset: boolean): PeerMetrics;
  stop(): Promise<void>;
}

export type ToPeer = { type: 'metrics'; reset: boolean } | { type: 'shutdown' };
export type FromPeer = { type: 'ready' } | { type: 'metrics'; metrics: PeerMetrics } | { type: 'error'; message: string };

async function main(): Promise<void> {
  const kind = process.argv[2];
  const port = Number(process.env.PORT);
  let handle: PeerHandle;
  if (kind === 'hocuspocus') {
    const { startHocuspocus } = await import('./hocuspocus.js');
    handle = await startHocuspocus(port, process.env.BENCH_DB ?? ':memory:', process.env.BENCH_TOKEN ?? '');
  } else if (kind === 'reference') {
    const { startReference } = await import('./reference.js');
    handle = await startReference(port);
  } else if (kind === 'relay') {
    const { startRelay } = await import('./relay.js');
    handle = await startRelay(port);
  } else {
    throw new Error(`unknown peer ${kind}`);
  }
  const send = (m: FromPeer) => process.send?.(m);
  process.on('message', (m: ToPeer) => {
    if (m.type === 'metrics') send({ type: 'metrics', metrics: handle.metrics(m.reset) });
    if (m.type === 'shutdown') {
      void handle.stop().finally(() => process.exit(0));
    }
  });
  process.on('SIGTERM', () => void handle.stop().finally(() => process.exit(0)));
  // The orchestrator is gone (crashed or killed): do not linger.
  process.on('disconnect', () => void handle.stop().finally(() => process.exit(0)));
  send({ type: 'ready' });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  console.error(err);
  process.exit(1);
});
