import { authorize, refusalResponse } from '@/lib/auth/guards';
import { exportFileName, shareHistoryCsv } from '@/lib/history/export';
import { csvDownload } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { historyFiltersSchema } from '@/lib/validations/history';

// The share history matching the History page's filters, as a streamed CSV download.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('exportHistory');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const filters = historyFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(shareHistoryCsv(filters), exportFileName(filters));
}
