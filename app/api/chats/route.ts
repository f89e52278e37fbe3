import { authorize, refusalResponse } from '@/lib/auth/guards';
import { readChatsView } from '@/lib/data/chats';
import { chatPageQuerySchema } from '@/lib/validations/chats';

// The chats page's data from the index, for the browser to refresh (React Query); no Linq call.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const query = chatPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await readChatsView(query), { headers: { 'Cache-Control': 'no-store' } });
}
