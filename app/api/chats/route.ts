import { authorize, refusalResponse } from '@/lib/auth/guards';
import { readChatPage } from '@/lib/data/chats';
import { chatPageQuerySchema } from '@/lib/validations/chats';

// The chats page's data, for the browser to refetch (React Query); the first render is the server's.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const query = chatPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await readChatPage(query);
  if (!page.ok) return Response.json({ error: page.error }, { status: 502 });
  return Response.json(page.value, { headers: { 'Cache-Control': 'no-store' } });
}
