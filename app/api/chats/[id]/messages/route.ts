import { authorize, refusalResponse } from '@/lib/auth/guards';
import { queryChatRows } from '@/lib/chats/index-query';
import { readRecentMessages } from '@/lib/chats/messages';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

const UNKNOWN_CHAT = { error: 'This chat is not in the console’s index.' };

// A chat's last messages, read from Linq when its panel opens (counted in the person's Linq budget).
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const { id } = await params;
  const refused = refuseHostileAddress(request, { id });
  if (refused) return refused;
  // Only chats of the index: an id typed at random never reaches Linq.
  if (id.length > 100 || (await queryChatRows([id])).length === 0) return Response.json(UNKNOWN_CHAT, { status: 404 });
  const read = await readRecentMessages(id, access.user.id);
  if (read.ok) return Response.json(read, { headers: { 'Cache-Control': 'no-store' } });
  if (read.reason === 'budget') return Response.json({ error: read.error }, { status: 429, headers: { 'Retry-After': String(read.retryAfterSeconds) } });
  return Response.json({ error: read.error }, { status: 502 });
}
