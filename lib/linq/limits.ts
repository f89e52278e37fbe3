/** How long a share waits for Linq before its outcome is unknown (and the request is abandoned). */
export const SHARE_TIMEOUT_MS = 20_000;
