import { authorize, refusalResponse } from '@/lib/auth/guards';
import { chatWithinScope, readChatShares } from '@/lib/chats/views';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

// A chat's share history, for its drawer on the chats page.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const { id } = await params;
  const refused = refuseHostileAddress(request, { id });
  if (refused) return refused;
  if (id.length > 100 || !(await chatWithinScope(id, access.user.numbers))) return Response.json({ error: 'Unknown chat.' }, { status: 404 });
  return Response.json(await readChatShares(id, access.user.numbers), { headers: { 'Cache-Control': 'no-store' } });
}
