import { authorize, refusalResponse } from '@/lib/auth/guards';
import { isChatCursor } from '@/lib/chats/index-query';
import { readChatsView } from '@/lib/chats/views';
import { readBetweenEvents } from '@/lib/live/store';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { BAD_CURSOR, chatPageQuerySchema } from '@/lib/validations/chats';

// The chats page's data from the index, for the browser to refresh (React Query); no Linq call.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const query = chatPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (query.cursor && !isChatCursor(query.cursor)) return Response.json({ error: BAD_CURSOR }, { status: 400 });
  return Response.json(await readBetweenEvents(() => readChatsView(query, access.user.numbers)), { headers: { 'Cache-Control': 'no-store' } });
}
