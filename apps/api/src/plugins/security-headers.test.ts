import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';

/** A stand-in for the built web app: the same head the API rewrites (time-zone meta) and one external script. */
function webDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-web-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="UTF-8" />\n<meta name="crm-time-zone" content="Asia/Shanghai" />\n<script type="module" crossorigin src="/assets/index.js"></script>\n</head><body><div id="root"></div></body></html>',
  );
  return dir;
}

const directives = (csp: string | undefined) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name ?? '', values] as const;
      }),
  );

let t: TestApp;
let https: TestApp;
beforeAll(async () => {
  const dist = webDist();
  t = await startTestApp({ webDist: dist, config: { timeZone: 'Asia/Urumqi' } });
  https = await startTestApp({ webDist: dist, config: { cookieSecure: true } });
});
afterAll(async () => {
  await t.close();
  await https.close();
});

describe('security headers on the API', () => {
  it('every answer carries CSP (frame-ancestors none), nosniff, X-Frame-Options DENY and a referrer policy', async () => {
    for (const url of ['/api/health', '/api/leads', '/api/nowhere']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = directives(res.headers['content-security-policy'] as string);
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')?.[0]).toBe("'self'");
      expect(csp.get('script-src')?.some((v) => /unsafe/.test(v))).toBe(false);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      // Plain HTTP on a LAN: no HSTS, no upgrade of the page's requests to https (it would break it).
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
    }
  });

  it('behind HTTPS (COOKIE_SECURE=1) adds HSTS and upgrade-insecure-requests', async () => {
    const res = await https.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(directives(res.headers['content-security-policy'] as string).has('upgrade-insecure-requests')).toBe(true);
  });

  it('the API docs page cannot be framed either', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(directives(res.headers['content-security-policy'] as string).get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('security headers on the web app', () => {
  it("serves index.html with a fresh style nonce in CSP and the page, no inline script allowed, and the zone's time zone kept", async () => {
    const first = await t.app.inject({ method: 'GET', url: '/leads' });
    const second = await t.app.inject({ method: 'GET', url: '/' });
    const nonces = [first, second].map((res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const csp = directives(res.headers['content-security-policy'] as string);
      const style = csp.get('style-src') ?? [];
      const nonce = /<meta name="csp-nonce" content="([0-9a-f]{32})"/.exec(res.body)?.[1];
      expect(nonce).toEqual(expect.any(String));
      expect(style).toEqual(["'self'", `'nonce-${nonce}'`]);
      expect(csp.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
      expect(csp.get('script-src')?.includes("'unsafe-inline'")).toBe(false);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('<meta name="crm-time-zone" content="Asia/Urumqi" />');
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
