import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envVariables, readEnv, repoRoot } from './env.ts';

describe('env.ts', () => {
  it('listens on loopback only unless HOST says otherwise', () => {
    expect(readEnv({}).HOST).toBe('127.0.0.1');
    expect(readEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('trusts no proxy by default; TRUST_PROXY takes a hop count, true, or addresses', () => {
    expect(readEnv({}).TRUST_PROXY).toBeUndefined();
    expect(readEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(readEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(readEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(readEnv({ TRUST_PROXY: '0' }).TRUST_PROXY).toBeUndefined();
  });

  it('refuses a short ADMIN_PASSWORD, JWT_SECRET or JWT_SECRET_PREVIOUS with the variable named', () => {
    expect(() => readEnv({ ADMIN_PASSWORD: 'demo12345' })).toThrow(/ADMIN_PASSWORD: must be at least 10 characters/);
    expect(() => readEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32/);
    expect(() => readEnv({ JWT_SECRET_PREVIOUS: 'short' })).toThrow(/JWT_SECRET_PREVIOUS: must be at least 32/);
  });

  it("README's configuration table lists every variable env.ts reads, and nothing it does not", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
    const listed = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(envVariables));
    expect(envVariables).toContain('HOST');
  });
});
