// Next.js runs register() once when the server starts (dev and production).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Before the first request: every request carries its TCP peer's address (sign-in throttling).
  const { stampPeerAddresses } = await import('@/lib/server/peer-address');
  stampPeerAddresses();
  const { startConsoleOrExit } = await import('@/lib/startup');
  await startConsoleOrExit();
}
