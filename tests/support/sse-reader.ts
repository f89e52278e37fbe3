// Reads a text/event-stream as a browser's EventSource would, for tests and the benchmark.

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
  /** performance.now() when the message was complete. */
  receivedAt: number;
}

/** Parses messages from a stream of bytes; `onEvent` sees each one as it completes. */
export async function readSse(body: ReadableStream<Uint8Array>, onEvent: (event: SseEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: SseEvent = { event: 'message', data: '', receivedAt: performance.now() };
      let hasData = false;
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon === 0) continue;
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') message.id = value;
        else if (field === 'event') message.event = value;
        else if (field === 'data') {
          message.data = hasData ? `${message.data}\n${value}` : value;
          hasData = true;
        }
      }
      if (hasData) onEvent(message);
    }
  }
}

/** Collects a stream's events; `next` waits for the first one (after those already taken) that matches. */
export function collectSse(body: ReadableStream<Uint8Array>) {
  const events: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  let ended = false;
  const done = readSse(body, (event) => {
    events.push(event);
    for (const wake of waiters.splice(0)) wake();
  })
    .catch(() => undefined)
    .finally(() => {
      ended = true;
      for (const wake of waiters.splice(0)) wake();
    });

  async function waitFor(predicate: (event: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(predicate);
      if (found) return found;
      if (ended) throw new Error('The stream ended before the event came.');
      if (Date.now() > deadline) throw new Error(`No such event within ${timeoutMs} ms; got: ${events.map((e) => `${e.event} ${e.data}`).join(' | ')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  return { events, waitFor, done, isEnded: () => ended };
}
