import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TIME_ZONE, isTimeZone, MIN_PASSWORD_LENGTH } from '@crm/shared';
import { z } from 'zod';

/** The one place that reads process.env (create-t3-turbo habit); everything else receives config. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Loopback only unless told otherwise: a fresh install (or --demo with its well-known passwords) is not on the LAN.
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().startsWith('postgres', { error: 'must be a postgres:// URL' }).optional(),
  DATA_DIR: z.string().default(path.join(repoRoot, 'data', 'pglite')),
  JWT_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  // The secret before a rotation, still accepted for verification until its tokens have expired (15 minutes).
  JWT_SECRET_PREVIOUS: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  ADMIN_PASSWORD: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .optional(),
  // Behind a reverse proxy: which proxy may tell the client's address (X-Forwarded-For), so throttles and locks
  // apply per person, not to the proxy. "1" (one hop), "loopback", an address or CIDR list; unset trusts no one.
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): boolean | string | number | undefined =>
      v === undefined || v === '' || v === '0' || v === 'false' ? undefined : /^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v,
    ),
  DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().default(path.join(repoRoot, 'apps', 'web', 'dist')),
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  // The zone's time zone: days, months, quarters and printed times follow it, not the server's TZ.
  TIME_ZONE: z.string().default(DEFAULT_TIME_ZONE).refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Shanghai' }),
  // Attached files (投资方确认函). Without it: "attachments" beside the PGlite data folder. Several instances on one
  // server Postgres must point it at one shared folder.
  ATTACHMENTS_DIR: z.string().optional(),
  // The reminders scheduler's pass, in seconds; 0 turns it off on this instance (another instance may run it).
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the API reads (README.md's configuration table lists each one; env.test.ts holds them together). */
export const envVariables = Object.keys(EnvSchema.shape);

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`The environment is not valid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Where attachments live: ATTACHMENTS_DIR, or a folder beside the PGlite data folder (./data/attachments). */
export const attachmentsDirOf = (env: Env): string => env.ATTACHMENTS_DIR ?? path.join(path.dirname(env.DATA_DIR), 'attachments');
