import { z } from 'zod';
import { authorize, refusalResponse } from '@/lib/auth/guards';
import { checkOutbound } from '@/lib/chats/outbound';
import { getLinq } from '@/lib/linq';

const idsSchema = z.array(z.string().min(1).max(100)).min(1).max(100);

// Reads, from Linq, whether the business has sent a message in each of the given chats (the
// ones a page showed as "checking…"), a few at a time, and keeps the answers for next time.
export async function GET(request: Request): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const ids = idsSchema.safeParse(new URL(request.url).searchParams.get('ids')?.split(',') ?? []);
  if (!ids.success) return Response.json({ error: 'Give between 1 and 100 chat ids, separated by commas.' }, { status: 400 });
  const answers = await checkOutbound([...new Set(ids.data)], getLinq());
  return Response.json({ outbound: Object.fromEntries(answers) }, { headers: { 'Cache-Control': 'no-store' } });
}
