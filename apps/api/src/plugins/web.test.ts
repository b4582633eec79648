import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';

/**
 * The web app as the API serves it, from a dist folder laid out as the build writes it (hashed assets with .br and
 * .gz beside them): compressed bytes for browsers that take them, a year's cache for hashed files, index.html
 * revalidated and carrying the zone's time zone, client-side routes answered with index.html.
 */
const dist = mkdtempSync(path.join(tmpdir(), 'crm-dist-'));
const script = `console.log(${JSON.stringify('招商'.repeat(2000))});`;
let t: TestApp;

beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><html><head><meta name="crm-time-zone" content="Asia/Shanghai" /></head><body><script type="module" src="/assets/index-AbC123.js"></script></body></html>',
  );
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), script);
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.gz'), gzipSync(script));
  t = await startTestApp({ webDist: dist, config: { timeZone: 'Asia/Urumqi' } });
});
afterAll(() => t.close());

describe('serving the web app', () => {
  it('sends the brotli file to a browser that accepts it, cached for a year', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('sends gzip to a browser that takes only gzip, and the plain file to one that takes neither', async () => {
    const gz = await t.app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('answers the page and every client-side route with index.html, never stored, carrying the zone’s time zone', async () => {
    for (const url of ['/', '/leads', '/reports?period=2026-12', '/index.html']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      // Never stored: each copy carries its own CSP nonce.
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('<meta name="crm-time-zone" content="Asia/Urumqi" />');
    }
  });

  it('keeps /api/ paths out of the page fallback', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
