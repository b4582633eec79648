import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Features (apps/web/src/features/*) do not import each other: what two features need goes to components/, lib/ or
// features/shared/, and a page (app/routes) composes features. Keeps a feature removable and its helpers' edits local.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const featuresDir = path.join(src, 'features');
const SHARED = 'shared';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.tsx?$/.test(entry.name)) yield full;
  }
}

/** The feature a path belongs to (the folder right under features/), or undefined outside features/. */
const featureOf = (file: string): string | undefined => {
  const rel = path.relative(featuresDir, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep)[0];
};

/** Every module specifier of static imports, re-exports and dynamic import() calls. */
const specifiersOf = (code: string): string[] => [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);

function crossFeatureImports(): string[] {
  const found: string[] = [];
  for (const file of sources(featuresDir)) {
    const own = featureOf(file);
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = featureOf(path.resolve(path.dirname(file), spec));
      if (target !== undefined && target !== own && target !== SHARED) found.push(`${path.relative(src, file)} imports ${spec} (feature ${target})`);
    }
  }
  return found;
}

describe('web feature boundaries', () => {
  it('finds an import written in any of the forms the scan reads', () => {
    expect(specifiersOf(`import { a } from '../../leads/x.ts';\nexport * from "./y";\nconst m = import('../z.tsx');`)).toEqual([
      '../../leads/x.ts',
      './y',
      '../z.tsx',
    ]);
  });

  it('no feature imports another feature (features/shared is for both)', () => {
    expect(crossFeatureImports()).toEqual([]);
  });
});
