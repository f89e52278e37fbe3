import { authorize, refusalResponse } from '@/lib/auth/guards';
import { readRunView } from '@/lib/runs/view';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { idSchema } from '@/lib/validations/safe-text';

// A run's progress and report, polled by its page while it runs.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const { id } = await params;
  const refused = refuseHostileAddress(request, { id });
  if (refused) return refused;
  const view = idSchema().safeParse(id).success ? await readRunView(id, access.user.numbers) : null;
  if (!view) return Response.json({ error: 'There is no such run; it may have been typed wrong.' }, { status: 404 });
  return Response.json(view, { headers: { 'Cache-Control': 'no-store' } });
}
