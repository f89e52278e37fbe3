import { authorize, refusalResponse } from '@/lib/auth/guards';
import { readChatRows } from '@/lib/chats/views';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { chatIdListSchema, MAX_KEPT_ROWS } from '@/lib/validations/chats';

// Chats by id, for rows the Chats page keeps on screen after they left its filter (a shared chat in
// "Eligible now"): they change in place and leave on the next page change.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const ids = chatIdListSchema.safeParse(new URL(request.url).searchParams.get('ids') ?? '');
  if (!ids.success) return Response.json({ error: `Ask for 1 to ${MAX_KEPT_ROWS} chat ids, separated by commas.` }, { status: 400 });
  return Response.json({ rows: await readChatRows(ids.data, access.user.numbers) }, { headers: { 'Cache-Control': 'no-store' } });
}
