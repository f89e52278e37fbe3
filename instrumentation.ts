// Next.js runs register() once when the server starts (dev and production).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startConsoleOrExit } = await import('@/lib/startup');
  await startConsoleOrExit();
}
