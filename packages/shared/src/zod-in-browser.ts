import { z } from 'zod';

/**
 * In a browser, zod parses without its `new Function` fast path: the web app runs under a Content-Security-Policy
 * without 'unsafe-eval', and zod's probe for eval (made when the first object schema is built) is reported as a
 * violation. This module is the first @crm/shared evaluates (index.ts), so the setting precedes every schema.
 * The API (Node) keeps the fast path.
 */
if (typeof document !== 'undefined') z.config({ jitless: true });
