import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Versions a security review asked for, checked against what npm actually installed.

/** Every installed copy of a package, with its version. */
function installed(name: string): string[] {
  const tree = JSON.parse(execFileSync('npm', ['ls', name, '--all', '--json'], { encoding: 'utf8' })) as { dependencies?: Record<string, Node> };
  type Node = { version?: string; dependencies?: Record<string, Node> };
  const versions: string[] = [];
  const walk = (nodes: Record<string, Node> | undefined) => {
    for (const [key, node] of Object.entries(nodes ?? {})) {
      if (key === name && node.version) versions.push(node.version);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return versions;
}

const atLeast = (version: string, minimum: string) => {
  const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! > b![i]!;
  return true;
};

describe('dependencies', () => {
  it('every copy of postcss (Next.js bundles its own) is past the source-map path advisories', () => {
    const versions = installed('postcss');
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(atLeast(version, '8.5.33'), version).toBe(true);
  });
});
