import { sendJson } from '@/lib/sandbox/http';
import type { Route } from '@/lib/sandbox/router';
import { lineJson } from '@/lib/sandbox/serialize';

export const phoneNumberRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v3\/phone_numbers$/,
    handler: ({ res, store }) => sendJson(res, 200, { phone_numbers: store.state.lines.map(lineJson) }),
  },
];
