import { authorize, endOfSession, getSessionKey, readSessionVerdict, refusalResponse } from '@/lib/auth/guards';
import { narrowToNumbers } from '@/lib/live/narrow';
import { endedStream, openLiveStream } from '@/lib/live/stream';
import { parseLastEventId } from '@/lib/live/topics';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

// Every open page's stream of changes (server-sent events): what changed, never the data itself,
// which the page then reads through its own routes. The session is checked here, and again while
// the stream is open (lib/live/stream.ts).
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) {
    // A session that ended before this stream opened (or while it reconnected): a refusal would
    // leave the page polling, unaware, since a browser's EventSource hides the status. The stream
    // says why instead, so the page goes to the sign-in page as an open stream's page does.
    const ended = access.status === 401 ? await endOfSession() : null;
    return ended ? eventStreamResponse(endedStream(ended)) : refusalResponse(access);
  }
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const key = (await getSessionKey())!;
  // The browser sends Last-Event-ID when it reconnects by itself; the page passes it in the address
  // when it opens a new stream after the old one failed.
  const lastEventId = parseLastEventId(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId'));
  const stream = openLiveStream({
    role: access.user.role,
    numbers: access.user.numbers,
    narrow: narrowToNumbers,
    lastEventId,
    recheck: async () => {
      const verdict = await readSessionVerdict(key);
      return 'user' in verdict ? { role: verdict.user.role, numbers: verdict.user.numbers } : verdict;
    },
    signal: request.signal,
  });
  return eventStreamResponse(stream);
}

function eventStreamResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold the stream back in their buffers.
      'X-Accel-Buffering': 'no',
    },
  });
}
