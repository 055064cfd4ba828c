/**
 * Node 20 lacks a global ErrorEvent (added in Node 22). @hono/node-ws constructs one when a
 * socket errors (e.g. a frame over maxPayload) and otherwise logs a ReferenceError instead of
 * calling our handler. A minimal ErrorEvent fills the gap.
 */
if (typeof globalThis.ErrorEvent === 'undefined') {
  class ErrorEventShim extends Event {
    readonly error: unknown;
    readonly message: string;
    constructor(type: string, init: { error?: unknown; message?: string } = {}) {
      super(type);
      this.error = init.error;
      this.message = init.message ?? (init.error instanceof Error ? init.error.message : '');
    }
  }
  (globalThis as { ErrorEvent?: unknown }).ErrorEvent = ErrorEventShim;
}
export {};
