import { sendJson } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';

// The sandbox's "CDN": contact-card photos it downloaded and re-hosted, as Linq does.

function image({ res, params, store }: RouteContext) {
  const found = store.image(params[0]!);
  if (!found) return sendJson(res, 404, { error: 'Not found' });
  res.writeHead(200, { 'content-type': found.contentType, 'content-length': found.bytes.length, 'cache-control': 'public, max-age=31536000, immutable' });
  res.end(found.bytes);
}

export const cdnRoutes: Route[] = [{ method: 'GET', pattern: /^\/cdn\/contact-card\/([a-f0-9]{64})$/, handler: image }];
