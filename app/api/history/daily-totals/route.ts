import { authorize, refusalResponse } from '@/lib/auth/guards';
import { dayTotalsCsv, readDayTotals } from '@/lib/history/share-tallies';
import { csvDownload } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';

// Shares per UTC day and number since the first, as CSV: the totals outlive the share events
// SHARE_HISTORY_MONTHS deletes. Aggregates only, of the numbers the person may see.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const csv = dayTotalsCsv(await readDayTotals(access.user.numbers));
  // The byte-order mark makes spreadsheets read the file as UTF-8.
  return csvDownload(new Blob([`\uFEFF${csv}`]).stream(), `share_totals_per_day_to_${new Date().toISOString().slice(0, 10)}.csv`);
}
