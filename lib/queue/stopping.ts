// The console is stopping (SIGTERM, SIGINT): work in progress stops claiming new work at once, lets
// what is in flight finish and be recorded, and hands the rest back to the queue, so that another
// instance goes on without waiting for this one's grace period.

const globalForStopping = globalThis as unknown as { stopping?: AbortController };

function controller(): AbortController {
  globalForStopping.stopping ??= new AbortController();
  return globalForStopping.stopping;
}

/** Aborted once this process has begun to stop. */
function stoppingSignal(): AbortSignal {
  return controller().signal;
}

/** Whether this process has begun to stop (readiness turns off first). */
export function isStopping(): boolean {
  return globalForStopping.stopping?.signal.aborted ?? false;
}

export function beginStopping(): void {
  controller().abort(new Error('The console is stopping.'));
}

/** A job's own signal (its claim lost) combined with the console stopping. */
export function jobSignal(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal, stoppingSignal()]);
}
