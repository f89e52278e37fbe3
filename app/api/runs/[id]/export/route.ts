import { authorize, refusalResponse } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { runItemsCsv } from '@/lib/runs/export';
import { csvDownload } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

// Every chat of a run and what became of it, as a CSV download.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const access = await authorize('exportHistory');
  if (!access.ok) return refusalResponse(access);
  const { id } = await params;
  const refused = refuseHostileAddress(request, { id });
  if (refused) return refused;
  const run = id.length <= 100 ? await db.shareRun.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!run) return Response.json({ error: 'There is no such run; it may have been typed wrong.' }, { status: 404 });
  return csvDownload(runItemsCsv(run.id), `share-run_${run.id}.csv`);
}
