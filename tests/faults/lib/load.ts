import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD } from '@crm/db/test/factories';
import { DEFAULT_TIME_ZONE, zoneDate } from '@crm/shared';

/**
 * Signed-in users working the CRM at once, as in the load: each keeps one lead of their own and, until told
 * to stop, mixes reads (lists, one lead) with writes (new leads, visits logged). Every write carries an
 * Idempotency-Key and is retried with the same key on a 503 or a dropped connection — what a careful client (the web
 * app) does — so an acknowledged write is known by id and a doubled one would show as two rows. Loopback only;
 * every loop ends at `stop()` or its deadline.
 */
export type Ack = { kind: 'lead' | 'activity'; id: string; token: string; leadId?: string };
export type Outcome = { at: number; ms: number; status: number | 'network'; method: string; path: string; user: number; cause?: string };

export type LoadResult = {
  acks: Ack[];
  outcomes: Outcome[];
  /** Per user, the longest time from a failed request to the next success (ms). */
  longestOutage: number;
  /** Requests answered with something other than 2xx, 503 or a dropped connection (a 500 here is a bug). */
  unexpected: Outcome[];
  /** Bodies of the unexpected answers, to say what went wrong. */
  unexpectedBodies: string[];
  requests: number;
};

export type User = { username: string; token: string; id: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The address a load user seems to come from (the app trusts loopback's X-Forwarded-For in fault tests). */
export const addressOf = (i: number) => `10.11.${(i >> 8) & 255}.${i & 255}`;

/** Staff seeded by the factories sign in with TEST_PASSWORD; each user from an address of their own. */
export async function signInAll(base: string, usernames: string[], password: string = TEST_PASSWORD): Promise<User[]> {
  const users: User[] = [];
  // A few at a time: argon2 verification is deliberately slow.
  for (let i = 0; i < usernames.length; i += 8) {
    const batch = usernames.slice(i, i + 8);
    users.push(
      ...(await Promise.all(
        batch.map(async (username, j) => {
          for (let attempt = 0; attempt < 20; attempt++) {
            const res = await fetch(`${base}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(i + j) },
              body: JSON.stringify({ username, password }),
            }).catch(() => null);
            if (res?.ok) {
              const body = (await res.json()) as { accessToken: string; user: { id: string } };
              return { username, token: body.accessToken, id: body.user.id };
            }
            await sleep(250);
          }
          throw new Error(`could not sign in ${username}`);
        }),
      )),
    );
  }
  return users;
}

export type LoadOptions = {
  /** One base URL, or several (instances behind nothing): users are spread over them. */
  base: string | string[];
  users: User[];
  /** Hard end of every loop. */
  durationMs: number;
  /** Share of operations that write (0..1). */
  writeShare?: number;
  /** Pause between a user's operations (ms), to model people rather than a benchmark. */
  thinkMs?: number;
  /** A request taking longer than this is abandoned and counted as unexpected. */
  requestTimeoutMs?: number;
};

export function startLoad(options: LoadOptions) {
  const bases = Array.isArray(options.base) ? options.base : [options.base];
  const started = performance.now();
  const deadline = started + options.durationMs;
  let stopping = false;
  const acks: Ack[] = [];
  const outcomes: Outcome[] = [];
  const unexpected: Outcome[] = [];
  const unexpectedBodies: string[] = [];
  let longestOutage = 0;
  const writeShare = options.writeShare ?? 0.4;
  const think = options.thinkMs ?? 20;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const today = zoneDate(new Date(), DEFAULT_TIME_ZONE);
  const running = () => !stopping && performance.now() < deadline;

  async function user(u: User, index: number) {
    const base = bases[index % bases.length] as string;
    let failingSince: number | null = null;

    const request = async (method: string, path: string, body?: unknown, key?: string): Promise<{ status: number | 'network'; json?: unknown }> => {
      const t0 = performance.now();
      let status: number | 'network' = 'network';
      let json: unknown;
      let text = '';
      let cause: string | undefined;
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${u.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        text = await res.text();
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      } catch (error) {
        const c = (error as { cause?: { code?: string; message?: string } }).cause;
        cause = c?.code ?? c?.message ?? (error as Error).message;
        if ((error as Error).name === 'TimeoutError') {
          const o = { at: t0 - started, ms: performance.now() - t0, status: 0, method, path, user: index };
          unexpected.push(o);
          unexpectedBodies.push(`${method} ${path}: no answer within ${timeoutMs} ms`);
        }
        status = 'network';
      }
      const outcome: Outcome = { at: t0 - started, ms: performance.now() - t0, status, method, path, user: index, ...(cause ? { cause } : {}) };
      outcomes.push(outcome);
      const ok = typeof status === 'number' && status >= 200 && status < 300;
      if (ok) {
        if (failingSince !== null) longestOutage = Math.max(longestOutage, performance.now() - failingSince);
        failingSince = null;
      } else if (status === 503 || status === 'network') {
        failingSince ??= t0;
      } else {
        unexpected.push(outcome);
        unexpectedBodies.push(`${method} ${path} → ${status}: ${text.slice(0, 300)}`);
      }
      return { status, json };
    };

    /** A write is retried with its key until it is answered (or the run ends): the retry must never write twice. */
    const write = async (method: string, path: string, body: unknown): Promise<{ status: number | 'network'; json?: unknown }> => {
      const key = randomUUID();
      for (;;) {
        const res = await request(method, path, body, key);
        if (res.status !== 503 && res.status !== 'network') return res;
        if (performance.now() > deadline + 10_000) return res;
        await sleep(100 + Math.random() * 150);
      }
    };

    const newLead = async () => {
      const token = randomUUID().slice(0, 12);
      const res = await write('POST', '/api/leads', { companyName: `压测企业${token}`, channel: 'online', estimatedInvestmentFen: 100_000_00 });
      if (res.status === 201) {
        const id = (res.json as { id: string }).id;
        acks.push({ kind: 'lead', id, token });
        return id;
      }
      return null;
    };

    let leadId: string | null = null;
    while (!leadId && performance.now() < deadline + 10_000) leadId = await newLead();
    while (running()) {
      const r = Math.random();
      if (r < writeShare * 0.75 && leadId) {
        const token = randomUUID().slice(0, 12);
        const res = await write('POST', `/api/leads/${leadId}/activities`, { kind: 'call', occurredOn: today, summary: `压测跟进 ${token}` });
        if (res.status === 201) acks.push({ kind: 'activity', id: (res.json as { id: string }).id, token, leadId });
      } else if (r < writeShare) {
        await newLead();
      } else if (r < writeShare + (1 - writeShare) / 2) {
        await request('GET', '/api/leads?limit=20');
      } else if (leadId) {
        await request('GET', `/api/leads/${leadId}`);
      }
      if (think) await sleep(think * (0.5 + Math.random()));
    }
  }

  const all = Promise.all(options.users.map((u, i) => user(u, i)));
  return {
    /** The writes acknowledged so far. */
    ackedSoFar: async () => [...acks],
    /** Waits (at most `limitMs`) until every user has had a success that ended after `since`. */
    untilEverySucceededSince: async (since: number, limitMs: number) => {
      const end = performance.now() + limitMs;
      while (performance.now() < end) {
        const ok = new Set(outcomes.filter((o) => o.at + o.ms >= since && typeof o.status === 'number' && o.status < 300).map((o) => o.user));
        if (ok.size >= options.users.length) return;
        await sleep(100);
      }
    },
    /** Milliseconds since the load started, on the clock the outcomes use. */
    elapsed: () => performance.now() - started,
    stop: () => {
      stopping = true;
    },
    done: async (): Promise<LoadResult> => {
      await all;
      return { acks, outcomes, longestOutage, unexpected, unexpectedBodies, requests: outcomes.length };
    },
  };
}

/**
 * After each moment the service came back (ms since the load started), how long until every user had a success
 * again: what a person waits once the database or the process is back.
 */
export function recoveryAfter(outcomes: Outcome[], backAt: number[]): number[] {
  const users = [...new Set(outcomes.map((o) => o.user))];
  return backAt.map((back) =>
    Math.max(
      0,
      ...users.map((u) => {
        const next = outcomes.find((o) => o.user === u && o.at + o.ms >= back && typeof o.status === 'number' && o.status >= 200 && o.status < 300);
        return next ? next.at + next.ms - back : Number.POSITIVE_INFINITY;
      }),
    ),
  );
}

/** Requests per second and latency percentiles of the answered requests in a window. */
export function summarize(outcomes: Outcome[], fromMs = 0, toMs = Number.POSITIVE_INFINITY) {
  const within = outcomes.filter((o) => o.at >= fromMs && o.at < toMs && typeof o.status === 'number');
  const ms = within.map((o) => o.ms).sort((a, b) => a - b);
  const pct = (p: number) => (ms.length ? (ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? 0) : 0);
  const span = within.length ? (Math.max(...within.map((o) => o.at + o.ms)) - Math.min(...within.map((o) => o.at))) / 1000 : 0;
  return { requests: within.length, perSecond: span > 0 ? within.length / span : 0, p50: pct(50), p99: pct(99), max: ms.at(-1) ?? 0 };
}
