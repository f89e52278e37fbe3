import { clientAddress } from '@/lib/client-address';
import { getSettings } from '@/lib/env';
import { PEER_ADDRESS_HEADER } from '@/lib/server/peer-address';

/** The client address of a request to the console, believing X-Forwarded-For only as TRUSTED_PROXIES says. */
export function requestClientAddress(headers: Headers): string {
  return clientAddress(headers.get(PEER_ADDRESS_HEADER) ?? undefined, headers.get('x-forwarded-for'), getSettings().trustedProxies);
}
