import { authorize, refusalResponse } from '@/lib/auth/guards';
import { readRecentMessages } from '@/lib/chats/messages';
import { chatWithinScope } from '@/lib/chats/views';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

const STATUS = { unknown_chat: 404, budget: 429, linq: 502 } as const;

// A chat's last messages, read from Linq when its panel opens (counted in the person's Linq budget).
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const { id } = await params;
  const refused = refuseHostileAddress(request, { id });
  if (refused) return refused;
  if (id.length > 100 || !(await chatWithinScope(id, access.user.numbers)))
    return Response.json({ error: 'This chat is not in the console’s index.' }, { status: 404 });
  const read = await readRecentMessages(id, access.user.id);
  if (read.ok) return Response.json(read, { headers: { 'Cache-Control': 'no-store' } });
  const headers: Record<string, string> = read.reason === 'budget' ? { 'Retry-After': String(read.retryAfterSeconds) } : {};
  return Response.json({ error: read.error }, { status: STATUS[read.reason], headers });
}
