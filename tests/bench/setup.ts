import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throwaway embedded database for a benchmark; the console's modules read it from DATA_DIR. */
export async function benchDatabase(): Promise<{ dataDir: string; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-bench-'));
  process.env.DATA_DIR = dataDir;
  process.env.LINQ_API_BASE_URL ??= 'http://127.0.0.1:9/api/partner';
  const { prepareDatabase } = await import('@/lib/db');
  const { getSettings } = await import('@/lib/env');
  await prepareDatabase(getSettings().database);
  return {
    dataDir,
    async close() {
      const { disconnectDb } = await import('@/lib/db');
      const { closeEmbeddedPglite } = await import('@/lib/database/embedded');
      await disconnectDb();
      await closeEmbeddedPglite();
      fs.rmSync(dataDir, { recursive: true });
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function writeResults(name: string, markdown: string): string {
  const file = path.join(process.cwd(), 'docs', 'benchmarks', `${name}.md`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, markdown);
  return file;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}
