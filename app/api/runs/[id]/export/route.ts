import { authorize, refusalResponse } from '@/lib/auth/guards';
import { findExportableRun, runItemsCsv } from '@/lib/runs/export';
import { csvDownload } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

// Every chat of a run and what became of it, as a CSV download.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const access = await authorize('exportHistory');
  if (!access.ok) return refusalResponse(access);
  const { id } = await params;
  const refused = refuseHostileAddress(request, { id });
  if (refused) return refused;
  const runId = await findExportableRun(id, access.user.numbers);
  if (!runId) return Response.json({ error: 'There is no such run; it may have been typed wrong.' }, { status: 404 });
  return csvDownload(runItemsCsv(runId), `share-run_${runId}.csv`);
}
