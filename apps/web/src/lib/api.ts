import type { SessionUser } from './types.ts';
import { type ErrorBody as ErrorBodyContract, FieldProblem as FieldProblemContract, type LoginResult, type ProblemParams } from '@crm/shared';
import { fieldMessage, fieldSummary, problemText } from './problems.ts';

/**
 * The one fetch wrapper. The access token lives only in memory (never in storage, so a script injected
 * into the page cannot read it from there); the refresh token is an httpOnly cookie scoped to /api/auth.
 * On a 401 the client renews the access token once and retries the request.
 */

/**
 * A field's problem as a form shows it: the API's (@crm/shared FieldProblem, its message in the person's language),
 * or one a shared schema found in the browser, which has no code.
 */
export type FieldProblem = Pick<FieldProblemContract, 'field' | 'message'> & Partial<Pick<FieldProblemContract, 'code' | 'params'>>;

/** The API's error body (@crm/shared ErrorBody); read leniently, since a proxy may answer instead of the API. */
type ErrorBody = { error?: Partial<ErrorBodyContract['error']> };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The API's stable reason (packages/shared/src/problems), when it sent one. */
  readonly reason: string | null;
  readonly params: ProblemParams;
  readonly details: unknown;
  readonly fields: FieldProblem[];
  readonly requestId: string | null;

  constructor(init: { status: number; code: string; reason?: string; params?: ProblemParams; message: string; details?: unknown; requestId?: string | null }) {
    const fields = fieldsOf(init.details);
    // The API writes English for integrators; the person reads the reason in their language (i18next catalogues).
    const text = init.reason === 'FIELDS_INVALID' && fields.length > 0 ? fieldSummary(fields) : init.reason ? problemText(init.reason, init.params) : null;
    super(text ?? init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.reason = init.reason ?? null;
    this.params = init.params ?? {};
    this.details = init.details;
    this.requestId = init.requestId ?? null;
    this.fields = fields;
  }
}

function fieldsOf(details: unknown): FieldProblem[] {
  if (!details || typeof details !== 'object') return [];
  const fields = (details as { fields?: unknown }).fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((f: unknown): FieldProblem[] => {
    const sent = FieldProblemContract.safeParse(f);
    if (sent.success) {
      const { field, message, code, params } = sent.data;
      return [{ field, message: fieldMessage(code, params) ?? message, code, params }];
    }
    // Not the contract (a code this page does not know yet): show the server's text.
    if (!f || typeof f !== 'object') return [];
    const { field, message } = f as { field?: unknown; message?: unknown };
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
  });
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

// ---- session store (read by React through useSyncExternalStore in lib/auth.tsx) ----

export type SessionState = { status: 'loading'; user: null } | { status: 'signed-out'; user: null } | { status: 'signed-in'; user: SessionUser };

let accessToken: string | null = null;
let session: SessionState = { status: 'loading', user: null };
const listeners = new Set<() => void>();

export const getSession = (): SessionState => session;
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function setSession(next: SessionState) {
  session = next;
  for (const listener of listeners) listener();
}

/** Called after a successful sign-in or refresh. */
export function startSession(result: LoginResult) {
  accessToken = result.accessToken;
  setSession({ status: 'signed-in', user: result.user });
}

export function endSession() {
  accessToken = null;
  setSession({ status: 'signed-out', user: null });
}

let refreshing: Promise<boolean> | null = null;

/**
 * Renews the access token from the refresh cookie. Concurrent callers share one request: the server
 * rotates the refresh token, so two parallel refreshes with the same cookie would race each other.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= withRefreshLock(async () => {
    try {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        credentials: 'include',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) {
        endSession();
        return false;
      }
      startSession((await response.json()) as LoginResult);
      return true;
    } catch {
      // The server is unreachable: we cannot tell whether the session is valid, so ask to sign in.
      endSession();
      return false;
    } finally {
      refreshing = null;
    }
  });
  return refreshing;
}

/**
 * Tabs of one browser share the refresh cookie, and the server ends a session whose rotated refresh token is shown
 * again (it takes that for theft). Two tabs refreshing at the same moment would both show the same token, so
 * refreshes take turns across tabs (Web Locks; the second then sends the cookie the first received). Browsers give
 * Web Locks only to secure pages (https, localhost); elsewhere a tab refreshes alone, as before.
 */
async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? await locks.request('crm-refresh', work) : work();
}

let restoring: Promise<boolean> | null = null;
/** On startup: one attempt to restore the session from the cookie (StrictMode mounts twice; this runs once). */
export function restoreSession(): Promise<boolean> {
  restoring ??= refreshSession();
  return restoring;
}

// ---- requests ----

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  params?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** What the caller takes back; JSON unless a file is downloaded. */
  accept?: string;
  /** Sent as Idempotency-Key: the same for every retry of one write, so the server carries it out once. */
  idempotencyKey?: string;
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How often a write is sent again after a 503 or a dropped connection (a database restart takes seconds). */
const WRITE_RETRIES = 3;

/** A key per write. crypto.randomUUID exists only on https and localhost; the CRM may be served over plain http. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function buildUrl(path: string, params?: QueryParams): string {
  const url = `/api${path}`;
  if (!params) return url;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${url}?${text}` : url;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  try {
    return await fetch(buildUrl(path, options.params), {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'network' });
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy error page, for example): fall through to a generic error
  }
  return new ApiError({
    status: response.status,
    code: body.error?.code ?? (response.status >= 500 ? 'INTERNAL' : `HTTP_${response.status}`),
    reason: body.error?.reason,
    params: body.error?.params,
    message: body.error?.message ?? response.statusText ?? 'Request failed',
    details: body.error?.details,
    requestId: body.error?.requestId ?? response.headers.get('x-request-id'),
  });
}

/**
 * One attempt, or — for a write — up to WRITE_RETRIES more after a 503 or a dropped connection, waiting what the
 * server's Retry-After says (at most 3 s). Every attempt carries the same Idempotency-Key, so a write whose first
 * answer was lost is not carried out twice.
 */
async function sendWithRetry(method: string, path: string, options: RequestOptions): Promise<Response> {
  if (!WRITES.has(method)) return send(method, path, options);
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await send(method, path, options);
      if (response.status !== 503 || attempt >= WRITE_RETRIES) return response;
      const after = Number(response.headers.get('retry-after'));
      await pause(Math.min(Number.isFinite(after) && after > 0 ? after * 1000 : 1000, 3000));
    } catch (error) {
      if (!isApiError(error) || error.code !== 'NETWORK' || attempt >= WRITE_RETRIES) throw error;
      await pause(1000);
    }
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const isAuthCall = path.startsWith('/auth/');
  if (WRITES.has(method) && !isAuthCall) options = { ...options, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey() };
  let response = await sendWithRetry(method, path, options);
  if (response.status === 401 && !isAuthCall) {
    const renewed = await refreshSession();
    if (renewed) response = await sendWithRetry(method, path, options);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !isAuthCall) endSession();
    // The server says the password must be changed first: the session guard then shows the change-password screen.
    if (response.status === 403 && (error.details as { reason?: unknown } | null)?.reason === 'password_change_required' && session.status === 'signed-in') {
      setSession({ status: 'signed-in', user: { ...session.user, mustChangePassword: true } });
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * A file the API generates (an .xlsx export): the same bearer token and renew-and-retry as `request`, but the
 * body comes back as a Blob with the server's file name. A link to the URL would not carry the token.
 */
export async function download(path: string, options: { params?: QueryParams; accept?: string } = {}): Promise<{ blob: Blob; filename: string | null }> {
  let response = await send('GET', path, options);
  if (response.status === 401) {
    const renewed = await refreshSession();
    if (renewed) response = await send('GET', path, options);
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) endSession();
    throw error;
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  // RFC 6266: filename* (UTF-8, e.g. a Chinese report title) wins over the plain ASCII fallback when both are sent.
  const filename = /filename\*=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename: filename ? decodeURIComponent(filename) : null };
}

/**
 * Sends one file as multipart/form-data (field "file"), with the same bearer token and renew-and-retry as
 * `request`; the browser sets the multipart boundary itself.
 */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const post = () => {
    const form = new FormData();
    form.append('file', file, file.name);
    return fetch(buildUrl(path), {
      method: 'POST',
      headers: { accept: 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      credentials: 'include',
      body: form,
    });
  };
  let response = await post().catch(() => {
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'network' });
  });
  if (response.status === 401 && (await refreshSession())) response = await post();
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) endSession();
    throw error;
  }
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, params?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { params, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
