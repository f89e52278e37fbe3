// Next.js runs register() once when the server starts (dev and production).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Before the first request: every request carries its TCP peer's address (sign-in throttling)
  // and a request id, and is logged when answered.
  const { installRequestHooks } = await import('@/lib/server/request-hooks');
  installRequestHooks();
  const { startConsoleOrExit } = await import('@/lib/startup');
  await startConsoleOrExit();
}
