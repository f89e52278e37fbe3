// Named moments between the writes of a share, where the crash tests kill the console: with
// CONSOLE_KILL_AT=<point>[:<n>] the process kills itself (SIGKILL, as `kill -9` would) the n-th time
// it passes that point. Never active in a production build.

const passes = new Map<string, number>();

export type FaultPoint = 'run.claimed' | 'auto.claimed' | 'share.recorded' | 'share.reserved' | 'share.sent' | 'share.failed' | 'share.settled';

export function faultPoint(point: FaultPoint): void {
  const target = process.env.CONSOLE_KILL_AT;
  if (!target || process.env.NODE_ENV === 'production') return;
  const [name, nth = '1'] = target.split(':');
  if (name !== point) return;
  const count = (passes.get(point) ?? 0) + 1;
  passes.set(point, count);
  if (count !== Number(nth)) return;
  process.kill(process.pid, 'SIGKILL');
  // The signal is delivered before the process runs on; should it not be, nothing more happens here.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
