import { describe, expect, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';
import { liveStreamSuite } from '../support/live-stream-suite';

// The live stream over the embedded database (one process: its own LISTEN hears every change).
describe('live stream on the embedded database', () => {
  const h = startTestConsole();
  liveStreamSuite(h);

  it('prunes events older than an hour', async () => {
    const { pruneLiveEvents } = await import('@/lib/live/store');
    const old = await h.db.liveEvent.create({ data: { topic: 'chats', createdAt: new Date(Date.now() - 2 * 60 * 60_000) } });
    await pruneLiveEvents();
    expect(await h.db.liveEvent.findUnique({ where: { seq: old.seq } })).toBeNull();
  });
});
