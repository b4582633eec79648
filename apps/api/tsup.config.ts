import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The production build: `pnpm --filter @crm/api build` compiles src/server.ts to dist/server.js, which `pnpm start`
// runs with plain Node. The workspace packages (@crm/db, @crm/shared) are TypeScript sources, so they are bundled in;
// the dependencies listed in package.json stay external (argon2 is native, PGlite loads its WebAssembly beside itself).
// dist/ sits at the same depth as src/, so the paths computed from import.meta.url (the repository root in env.ts,
// drizzle/ in @crm/db) resolve to the same folders. Files read at run time beside their module are copied next to
// the bundle. The tests keep running on the sources through vitest.
export default defineConfig({
  entry: { server: 'src/server.ts' },
  outDir: 'dist',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: true,
  splitting: false,
  sourcemap: true,
  clean: true,
  noExternal: [/^@crm\//],
  onSuccess: async () => {
    // password-policy.ts reads it with new URL('./common-passwords.txt', import.meta.url).
    cpSync('src/modules/auth/common-passwords.txt', 'dist/common-passwords.txt');
    // pglite-proxy.ts starts new URL('./pglite-worker.mjs', import.meta.url): plain JavaScript, importing only PGlite.
    cpSync('../../packages/db/src/pglite-worker.mjs', 'dist/pglite-worker.mjs');
  },
});
