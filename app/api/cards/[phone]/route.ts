import { authorize, refusalResponse } from '@/lib/auth/guards';
import { recordCardActivations } from '@/lib/cards/save-card';
import { cardStatus } from '@/lib/cards/status';
import { describeLinqError, getLinq, LinqError } from '@/lib/linq';

// Polled by the card editor while Linq applies a card (is_active false): the card's status now.
export async function GET(_request: Request, { params }: { params: Promise<{ phone: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const phoneNumber = decodeURIComponent((await params).phone);
  try {
    const card = await getLinq().getContactCard(phoneNumber);
    await recordCardActivations([card]);
    return Response.json({ status: cardStatus(card), card }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof LinqError)) throw error;
    return Response.json({ error: describeLinqError(error.facts(), { phoneNumber }) }, { status: 502 });
  }
}
