import { authorize, getSessionKey, readSessionVerdict, refusalResponse } from '@/lib/auth/guards';
import { narrowToNumbers } from '@/lib/live/narrow';
import { openLiveStream } from '@/lib/live/stream';
import { parseLastEventId } from '@/lib/live/topics';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

// Every open page's stream of changes (server-sent events): what changed, never the data itself,
// which the page then reads through its own routes. The session is checked here, and again while
// the stream is open (lib/live/stream.ts).
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
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
