/** Request/response over a child process's IPC channel, by message type. */
import type { ChildProcess } from 'node:child_process';

export interface Typed {
  type: string;
}

/** A message with a type and any other JSON fields. */
export type Message = Typed & Record<string, unknown>;

/** Sends `message` and resolves with the first reply of type `replyType`. */
export function request<R extends Typed>(child: ChildProcess, message: Message, replyType: R['type'], timeoutMs = 30_000): Promise<R> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${replyType} reply within ${timeoutMs} ms`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`child exited (${code}) before its ${replyType} reply`));
    };
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && (m as Typed).type === replyType) {
        done();
        resolve(m as R);
      } else if (typeof m === 'object' && m !== null && (m as Typed).type === 'error') {
        done();
        reject(new Error(`child failed: ${(m as { message?: string }).message ?? 'unknown error'}`));
      }
    };
    if (child.exitCode !== null || !child.connected) {
      reject(new Error(`child is gone (exit ${child.exitCode})`));
      return;
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

/** Resolves with the first message of `type` (without sending anything). */
export function nextMessage<R extends Typed>(child: ChildProcess, type: R['type'], timeoutMs = 30_000): Promise<R> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) before ${type}`));
    const onMessage = (m: unknown) => {
      if (typeof m !== 'object' || m === null) return;
      const t = (m as Typed).type;
      if (t !== type && t !== 'error') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (t === 'error') reject(new Error(`child failed: ${(m as { message?: string }).message ?? ''}`));
      else resolve(m as R);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
