import { authorize, refusalResponse } from '@/lib/auth/guards';
import { impactPeriod } from '@/lib/data/impact';
import { impactCsv } from '@/lib/impact/export';
import { readImpact } from '@/lib/impact/measure';
import { csvDownload } from '@/lib/server/download';
import { refuseHostileAddress } from '@/lib/server/hostile-request';
import { impactFiltersSchema } from '@/lib/validations/impact';

// Impact's figures for the filters, as a CSV download (aggregates only: no customer appears).
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const refused = refuseHostileAddress(request);
  if (refused) return refused;
  const filters = impactFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const period = impactPeriod(filters);
  const csv = impactCsv(await readImpact({ ...period, number: filters.number, scope: access.user.numbers }));
  // The byte-order mark makes spreadsheets read the file as UTF-8.
  const body = new Blob([`\uFEFF${csv}`]).stream();
  const day = period.until.toISOString().slice(0, 10);
  return csvDownload(body, `impact_${filters.weeks}-weeks_to_${day}${filters.number ? `_${filters.number.replace('+', '')}` : ''}.csv`);
}
