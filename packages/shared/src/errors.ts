/** The closed list of error codes (api.md) and the one place they map to HTTP status. */
export const errorStatus = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldIssue = { field: string; message: string };

/** The one error type services throw. `message` is for people: what was wrong and what to do. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', `${field}: ${message}`, { fields: [{ field, message }] satisfies FieldIssue[] });
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found. Check the id.`);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);

/** A PATCH that sent an old `version`: someone changed the record since it was read (optimistic locking). */
export const staleVersion = (what: string, current: number, sent: number) =>
  new AppError('CONFLICT', `This ${what} was changed by someone else since you opened it (version ${current}, you sent ${sent}). Reload it and apply your change again.`, {
    reason: 'stale_version',
    currentVersion: current,
  });
