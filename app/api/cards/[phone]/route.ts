import { authorize, refusalResponse } from '@/lib/auth/guards';
import { recordCardActivations } from '@/lib/cards/save-card';
import { cardStatus } from '@/lib/cards/status';
import { recordCardStatus } from '@/lib/chats/lines';
import { getLinq, readLinq } from '@/lib/linq';

// Polled by the card editor while Linq applies a card (is_active false): the card's status now.
export async function GET(_request: Request, { params }: { params: Promise<{ phone: string }> }): Promise<Response> {
  const access = await authorize('view');
  if (!access.ok) return refusalResponse(access);
  const phoneNumber = decodeURIComponent((await params).phone);
  const card = await readLinq(() => getLinq().getContactCard(phoneNumber), { phoneNumber });
  if (!card.ok) return Response.json({ error: card.error }, { status: 502 });
  await recordCardActivations([card.value]);
  await recordCardStatus(phoneNumber, cardStatus(card.value));
  return Response.json({ status: cardStatus(card.value), card: card.value }, { headers: { 'Cache-Control': 'no-store' } });
}
