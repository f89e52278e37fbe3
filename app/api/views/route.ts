import { authorize, refusalResponse } from '@/lib/auth/guards';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { readSavedViews } from '@/lib/views/saved-views';

// The person's saved views and the shared ones, each with how many chats it shows now (the navigation).
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  return Response.json({ views: await readSavedViews(access.user) }, { headers: { 'Cache-Control': 'no-store' } });
}
