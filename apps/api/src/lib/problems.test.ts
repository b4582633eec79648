import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fieldCodes, problemReasons } from '@crm/shared';
import { describe, expect, it } from 'vitest';

/**
 * Issue 10: a problem the API answers with must have its words in every language. The types make a service's
 * reason one of the catalogue's; this scan also catches what the types cannot see (a cast, a new helper) and a
 * field message written as plain text instead of a code.
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'test' ? [] : sources(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
const files = [...sources(path.join(root, 'apps/api/src')), ...sources(path.join(root, 'packages/shared/src'))].map((file) => ({
  file: path.relative(root, file),
  text: readFileSync(file, 'utf8'),
}));

const found = (pattern: RegExp) => files.flatMap(({ file, text }) => [...text.matchAll(pattern)].map((m) => ({ file, value: m[1] ?? '' })));

describe('every problem the code raises is in the catalogues', () => {
  it('finds the call sites it checks (the scan is not empty)', () => {
    expect(found(/\bproblem\(\s*'([A-Z_]+)'/g).length).toBeGreaterThan(80);
    expect(found(/\bfe\(\s*'([A-Z_]+)'/g).length).toBeGreaterThan(80);
  });

  it('raises only reasons the catalogue has', () => {
    const reasons = new Set<string>(problemReasons);
    const raised = [
      ...found(/\bproblem\(\s*'([A-Z_]+)'/g),
      ...found(/new AppError\(\s*'([A-Z_]+)'/g),
      // problem(cond ? 'A' : 'B'): both branches.
      ...found(/\bproblem\(\s*[\w.]+\s*\?\s*'([A-Z_]+)'/g),
      ...found(/\bproblem\(\s*[\w.]+\s*\?\s*'[A-Z_]+'\s*:\s*'([A-Z_]+)'/g),
    ];
    expect(raised.map((r) => r.value)).toContain('LEAD_IN_POOL_CLAIM');
    expect(raised.filter((r) => !reasons.has(r.value))).toEqual([]);
  });

  it('writes field messages only as codes the catalogue has', () => {
    const codes = new Set<string>(fieldCodes);
    const used = [
      ...found(/\b(?:invalid|fieldIssue)\([^,()]+(?:\([^)]*\))?,\s*'([A-Z_]+)'/g),
      ...found(/\b(?:fe|fieldText)\(\s*'([A-Z_]+)'/g),
      ...found(/\{ code: '([A-Z_]+)'(?:, params: [^}]+})? \}/g).filter((u) => u.file.endsWith('password-policy.ts')),
    ];
    expect(used.length).toBeGreaterThan(150);
    expect(used.filter((u) => !codes.has(u.value))).toEqual([]);
  });

  it('has no field message written as plain text in a schema or a service (env.ts speaks to operators, not users)', () => {
    const plain = found(/\b(?:error|message): (['`"][^'`"]*['`"])/g).filter((p) => !p.file.includes('/problems/') && !p.file.endsWith('env.ts'));
    expect(plain).toEqual([]);
  });
});
