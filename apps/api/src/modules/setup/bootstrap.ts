import { fieldIssue } from '@crm/shared';
import { randomBytes } from 'node:crypto';
import type { Db } from '@crm/db';
import { audit } from '../../lib/audit.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { hashPassword } from '../auth/passwords.ts';
import * as users from '../users/repository.ts';

/**
 * On the first start (no users at all) creates the `admin` account. Its password is ADMIN_PASSWORD when set,
 * otherwise generated and printed once — it is not stored anywhere in clear. Either way it is a password that
 * went through a terminal or a config file, so the admin must choose their own at the first sign-in.
 */
export async function ensureAdmin(db: Db, adminPassword: string | undefined, print: (line: string) => void): Promise<void> {
  if ((await users.countUsers(db)) > 0) return;
  const problem = adminPassword === undefined ? null : passwordProblem(adminPassword, 'admin');
  if (problem) throw new Error(`ADMIN_PASSWORD ${fieldIssue('ADMIN_PASSWORD', problem.code, problem.params).message}.`);
  const password = adminPassword ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  const created = await db.transaction(async (tx) => {
    const admin = await users.insertFirstAdmin(tx, {
      username: 'admin',
      displayName: '系统管理员',
      passwordHash,
      roles: ['admin', 'manager'],
      mustChangePassword: true,
    });
    if (!admin) return false;
    await audit(tx, { actor: null, requestId: null }, { action: 'user.bootstrap', entityType: 'user', entityId: admin.id, after: { username: 'admin' } });
    return true;
  });
  // Two instances starting at once on a new database race here; only the one whose admin was created speaks.
  if (!created) return;
  if (adminPassword) print('Created the admin user "admin" with the password from ADMIN_PASSWORD; it must be changed at the first sign-in.');
  else print(`Created the admin user "admin". Its password, shown only this once (change it at the first sign-in): ${password}`);
}
