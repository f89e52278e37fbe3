// The security headers of every page, decided per request. Pure: the proxy supplies the nonce and
// what it knows about the request.

export interface PolicyInput {
  /** Fresh, unguessable, for this response only. */
  nonce: string;
  /** `next dev` evaluates code with eval for its overlay and hot reloading. */
  development: boolean;
  /** Served over HTTPS (directly, or behind a proxy that says so): HSTS is sent. */
  https: boolean;
  /** Origins contact-card photos may come from besides the console (the sandbox's "CDN"). */
  imageOrigins?: string[];
}

/**
 * Scripts run only with this response's nonce (and what they load, 'strict-dynamic'); nothing may
 * frame the console, embed plugins, change the base URL or post forms elsewhere. Styles allow inline
 * style attributes, which React and the UI primitives set for positioning. Photos may come from any
 * HTTPS address (a card's photo can be one), from data/blob URLs (the cropper) and from the console;
 * the card editor reads the cropped photo back from its blob URL before sending it.
 */
export function contentSecurityPolicy({ nonce, development, imageOrigins = [] }: PolicyInput): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob: https:", ...imageOrigins].join(' '),
    "font-src 'self'",
    `connect-src 'self' blob:${development ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Powerful browser features the console never uses, switched off for it and anything it embeds. */
export const PERMISSIONS_POLICY = ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'display-capture=()'].join(', ');

export function securityHeaders(input: PolicyInput): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(input),
    'Permissions-Policy': PERMISSIONS_POLICY,
    ...(input.https && { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }),
  };
}
