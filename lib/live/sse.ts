// The text/event-stream wire format (WHATWG HTML, "Server-sent events"): fields one per line, a
// blank line ends a message. Data is JSON on one line, so no field can break out of its message.

export interface SseMessage {
  id?: number;
  event?: string;
  data: unknown;
}

export function sseMessage({ id, event, data }: SseMessage): string {
  return `${id === undefined ? '' : `id: ${id}\n`}${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}

/** How long the browser waits before reconnecting on its own. */
export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}
