import { AppError } from '@crm/shared';

/** Keyset cursors are opaque to clients: base64url of [sortValue, id]. */
export function encodeCursor(value: string | number, id: string | number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number, string | number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      (typeof parsed[1] === 'string' || typeof parsed[1] === 'number')
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION', 'cursor: is not a cursor this API gave out; start again without it', {
    fields: [{ field: 'cursor', message: 'is not valid' }],
  });
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
