import { authorize, refusalResponse } from '@/lib/auth/guards';
import { db } from '@/lib/db';
import { runItemsCsv } from '@/lib/runs/export';

// Every chat of a run and what became of it, as a CSV download.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const access = await authorize('exportHistory');
  if (!access.ok) return refusalResponse(access);
  const { id } = await params;
  const run = id.length <= 100 ? await db.shareRun.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!run) return Response.json({ error: 'There is no such run; it may have been typed wrong.' }, { status: 404 });
  return new Response(runItemsCsv(run.id), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="share-run_${run.id}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
