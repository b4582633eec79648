import argon2 from 'argon2';

// argon2id with the library's defaults (OWASP-grade memory cost); see apps/api/README.md for why argon2.
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });
export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password).catch(() => false);

// Verified against when the username is unknown, so both paths take the same time (no user enumeration).
let dummyHash: Promise<string> | null = null;
export const dummyVerify = async (password: string) => {
  dummyHash ??= hashPassword('not-a-real-password-0');
  await verifyPassword(await dummyHash, password);
  return false;
};
