import type { FieldCode } from '@crm/shared';
import { readFileSync } from 'node:fs';
import { MIN_PASSWORD_LENGTH } from '@crm/shared';

/**
 * What a password must be (ASVS 5.0 6.2.1, 6.2.4, 6.2.11): long enough, not a common password or a variant of one,
 * not the account's own name, not a word everyone here would guess. No composition rules (6.2.5): a long phrase
 * of lower-case words is a good password. argon2id stores it (passwords.ts).
 */

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#')),
);

// The words of this CRM and its zone that an attacker would try first (ASVS 6.2.11's "context-specific words"),
// and the Chinese favourites the (mostly English) common list under-ranks.
const CONTEXT = new Set([
  'zhaoshang',
  'zhaoshangcrm',
  'crm',
  'tieling',
  'tielingkaifaqu',
  'kaifaqu',
  'guanweihui',
  'yuanqu',
  'jituan',
  'admin',
  'administrator',
  'password',
  'passw0rd',
  'mima',
  'woaini',
  'woaini1314',
  'woaini520',
  'aini1314',
  '5201314',
  '1314520',
  'qq123456',
  'zhongguo',
  'china',
  'demo',
  'test',
  'changeme',
]);

/** The letters inside leading and trailing digits and symbols: "Dragon2024!" → "dragon". */
const core = (lower: string) => lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

const isRun = (s: string) => {
  const codes = [...s].map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - (codes[i - 1] ?? 0) === step);
};

/**
 * Why a password may not be used, in the API's words for a field message; null when it may. `username` is the
 * account's (a password containing it is the first thing anyone tries).
 */
export function passwordProblem(password: string, username: string): { code: FieldCode; params?: { min: number } } | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { code: 'MIN_CHARS', params: { min: MIN_PASSWORD_LENGTH } };
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 ? lower.includes(name) : core(lower) === name) return { code: 'PASSWORD_HAS_USERNAME' };
  if (COMMON.has(lower) || COMMON.has(core(lower))) return { code: 'PASSWORD_COMMON' };
  if (CONTEXT.has(lower) || CONTEXT.has(core(lower)) || CONTEXT.has(lower.replace(/[^\p{L}\p{N}]/gu, ''))) {
    return { code: 'PASSWORD_GUESSABLE' };
  }
  if (/^(.+?)\1+$/su.test(password) || isRun(lower)) return { code: 'PASSWORD_PATTERN' };
  return null;
}
