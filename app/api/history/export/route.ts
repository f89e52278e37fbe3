import { authorize, refusalResponse } from '@/lib/auth/guards';
import { exportFileName, shareHistoryCsv } from '@/lib/history/export';
import { historyFiltersSchema } from '@/lib/validations/history';

// The share history matching the History page's filters, as a streamed CSV download.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('exportHistory');
  if (!access.ok) return refusalResponse(access);
  const filters = historyFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(shareHistoryCsv(filters), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(filters)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
