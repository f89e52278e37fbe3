import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of the README's "Architecture", bottom first. A file may import its own module, or a
// module of a lower layer, or (for helpers and peers) a module of its own layer; never one above.
// A new folder under lib/ must be given a layer here, which is where it is decided what it may use.
const LAYERS: { name: string; modules: string[] }[] = [
  {
    name: 'foundation',
    modules: [
      'generated',
      'lib/env',
      'lib/roles',
      'lib/validations',
      'lib/server',
      'lib/time-zone',
      'lib/time-zone-names',
      'lib/csv',
      'lib/format',
      'lib/links',
      'lib/search-terms',
      'lib/chat-search',
      'lib/number-scope',
      'lib/utils',
      'lib/concurrency',
      'lib/faults',
      'lib/crypto',
      'lib/security',
      'lib/fetch-json',
      'lib/client-address',
      'lib/observability',
    ],
  },
  { name: 'ports', modules: ['lib/db', 'lib/database', 'lib/linq', 'lib/queue', 'lib/photos', 'lib/live'] },
  { name: 'staff sessions, alerts', modules: ['lib/auth', 'lib/alerts'] },
  { name: 'sending lines', modules: ['lib/lines'] },
  { name: 'cards and history', modules: ['lib/cards', 'lib/history'] },
  { name: 'chat index', modules: ['lib/chats'] },
  { name: 'shares', modules: ['lib/shares'] },
  { name: 'runs, webhooks, overview', modules: ['lib/runs', 'lib/auto', 'lib/impact', 'lib/webhooks', 'lib/overview', 'lib/views'] },
  { name: 'staff management', modules: ['lib/staff'] },
  { name: 'entry points in lib', modules: ['lib/data', 'lib/actions', 'lib/jobs', 'lib/health', 'lib/sandbox', 'lib/startup'] },
  { name: 'components', modules: ['components'] },
  { name: 'app', modules: ['app', 'instrumentation', 'proxy'] },
];

const root = path.resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)'(@\/[^']+)'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** 'lib/chats/sync/slice.ts' → 'lib/chats'; 'lib/env.ts' → 'lib/env'; 'app/…' → 'app'. */
function moduleOf(file: string): string {
  const parts = file.replace(SOURCE, '').split('/');
  return parts[0] === 'lib' ? parts.slice(0, 2).join('/') : (parts[0] ?? file);
}

function resolveImport(specifier: string): string | null {
  const base = specifier.slice(2);
  const candidates = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((candidate) => fs.existsSync(path.join(root, candidate))) ?? null;
}

const files = [...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('app'), 'instrumentation.ts', 'proxy.ts'];
const imports = new Map(
  files.map((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    return [file, [...text.matchAll(IMPORT)].flatMap((match) => (match[1] ? [match[1]] : []))];
  }),
);
const layerOf = new Map(LAYERS.flatMap((layer, rank) => layer.modules.map((module) => [module, rank] as const)));

/** Every cycle a depth-first walk of the graph runs into, as "a → b → a". */
function cyclesIn(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, trail: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return cycles;
}

describe('layers', () => {
  it('gives every module of lib, components and app a layer', () => {
    const unplaced = [...new Set(files.map(moduleOf))].filter((module) => !layerOf.has(module));
    expect(unplaced).toEqual([]);
  });

  it('has no import that runs back up the layers', () => {
    const upward: string[] = [];
    for (const [file, specifiers] of imports) {
      const from = moduleOf(file);
      for (const specifier of specifiers) {
        const to = moduleOf(specifier.slice(2));
        if (to === from || !layerOf.has(to)) continue;
        if (layerOf.get(to)! > layerOf.get(from)!) upward.push(`${file} → ${specifier} (${LAYERS[layerOf.get(to)!]?.name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const graph = new Map([...imports].map(([file, specifiers]) => [file, specifiers.map(resolveImport).filter((f): f is string => f !== null)]));
    expect(cyclesIn(graph)).toEqual([]);
  });

  // Peers of one layer may use each other one way only: two modules that import each other are one
  // module in two folders (lib/env and lib/server were, through the client-address parser).
  it('has no import cycle between modules', () => {
    const graph = new Map<string, string[]>();
    for (const [file, specifiers] of imports) {
      const from = moduleOf(file);
      const targets = specifiers.map((specifier) => moduleOf(specifier.slice(2))).filter((to) => to !== from);
      graph.set(from, [...new Set([...(graph.get(from) ?? []), ...targets])]);
    }
    expect(cyclesIn(graph)).toEqual([]);
  });

  // A reader's name says who checks the session: get* (lib/data) checks it first thing; read*
  // (the domains) does not, and is called only after a guard.
  it('names get* only the readers that check the session, and they check it first', () => {
    const EXPORTED_ASYNC = /^export async function (\w+)\([^\n]*\n(.*)$/gm;
    const misnamed: string[] = [];
    for (const file of files.filter((f) => f.startsWith('lib/') && !f.startsWith('lib/auth/'))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const [, name, firstLine] of text.matchAll(EXPORTED_ASYNC)) {
        if (!name?.startsWith('get')) continue;
        const checksFirst = /await requirePermission\(/.test(firstLine ?? '');
        if (!file.startsWith('lib/data/') || !checksFirst) misnamed.push(`${file}: ${name}`);
      }
    }
    expect(misnamed).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'lib/data/chats.ts'), 'utf8')).toMatch(EXPORTED_ASYNC);
  });

  it('reads the imports it judges (the scan is not blind)', () => {
    expect(imports.get('lib/runs/owner.ts')).toContain('@/lib/roles');
    expect(moduleOf('lib/chats/sync/slice.ts')).toBe('lib/chats');
    expect(resolveImport('@/lib/db')).toBe('lib/db.ts');
  });
});
