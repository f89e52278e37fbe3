import { authorize, refusalResponse } from '@/lib/auth/guards';
import { readChatCounts } from '@/lib/chats/views';
import { readBetweenEvents } from '@/lib/live/store';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { chatPageQuerySchema } from '@/lib/validations/chats';

// How many chats each filter value would show, for the numbers beside the Chats page's filters.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const query = chatPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await readBetweenEvents(() => readChatCounts(query, access.user.numbers)), { headers: { 'Cache-Control': 'no-store' } });
}
