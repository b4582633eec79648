import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers on every response, the API's and the web app's (@fastify/helmet; ASVS 5.0 3.4).
 *
 * The Content-Security-Policy is one the built web app runs under, checked by every browser test (a violation
 * fails the test):
 * - scripts only from this site: the built index.html has no inline script, and nothing evaluates strings;
 * - <style> elements only from this site or with the page's nonce: Ant Design writes its CSS-in-JS into <style>
 *   tags and carries the nonce the server put in index.html (<meta name="csp-nonce">, a new one per page load);
 * - style *attributes* allowed ('unsafe-inline' for style-src-attr only): React, antd and ECharts position things
 *   with inline styles. A style attribute cannot run script; an injected <style> (which could) still needs the nonce;
 * - frames: nobody may frame the CRM (frame-ancestors 'none' and X-Frame-Options DENY), so the approve and pay
 *   screens cannot be clickjacked; no plugins, no <base>, forms post only here.
 * Referrer-Policy is same-origin: nothing of a CRM address leaks to another site, and the browser still sends the
 * real Origin on the CRM's own POSTs (no-referrer would make it "null" and defeat the Origin check on refresh).
 * HSTS and upgrade-insecure-requests only when served over HTTPS (COOKIE_SECURE=1): on plain HTTP on a LAN they
 * would break the page.
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    const https = app.config.cookieSecure;
    await app.register(fastifyHelmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'none'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'"],
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
  },
  { name: 'security-headers' },
);

/** The API docs page's own policy (@fastify/swagger-ui sets it on its files), with the CRM's framing rule. */
export const docsCsp = (https: boolean) => (header: string) => {
  const strict = header.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(' validator.swagger.io', '');
  return https ? strict : strict.replace(/\s*upgrade-insecure-requests;?/, '');
};
