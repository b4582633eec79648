import type { Tx } from '@crm/db';
import { sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { rowsOf } from '../../lib/rollups.ts';
import type { startingClock } from '../clocks/clock.ts';
import type { newLeadValues } from './service.ts';

/** A new lead's columns as createLead writes them, with its starting clock. */
export type NewLead = ReturnType<typeof newLeadValues> & ReturnType<typeof startingClock>;

/** Our own column names (never a cell's text), double-quoted as identifiers. */
const quoted = (names: string[]) => sql.raw(names.map((n) => `"${n.replace(/"/g, '""')}"`).join(', '));

/**
 * The leads module's bulk insert, used by the spreadsheet import (imports/service.ts): the leads' tables are written
 * here, by their module, not by the import (issue 15).
 *
 * Writes one chunk of imported leads in one statement (issue 12: 100,000 rows in a minute): the leads, each one's
 * first stage history row, its 首报 (the company's first report, by its owner, on its registration day) and one
 * compact audit row per lead (what was created, from which import) — the same rows as creating each lead by hand.
 *
 * The chunk travels as one JSON parameter expanded by json_populate_recordset, so a statement holds one bind
 * parameter however many rows it carries (PGlite refuses 32,767 and more; a VALUES list of 500 leads binds 13,000,
 * which drizzle and the server spend three times longer on than on the rows themselves). The history, report and
 * audit rows are made by the server from the leads just inserted (data-modifying WITH), nothing returns to Node.
 * lead_rollup moves once per statement (its statement trigger, drizzle/0024).
 */
export async function writeLeads(tx: Tx, rows: NewLead[], by: { actorId: string; requestId: string | null; importId: string; now: Date }): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const keys = Object.keys(first) as (keyof NewLead)[];
  const names = keys.map((k) => toSnakeCase(k));
  const columns = quoted(names);
  const json = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {};
      keys.forEach((k, i) => {
        o[names[i]!] = r[k] ?? null;
      });
      return o;
    }),
  );
  const now = by.now.toISOString();
  const result: unknown = await tx.execute(sql`
    WITH ins AS (
      INSERT INTO leads (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::leads, ${json}::json)
      RETURNING id, owner_id, created_at, zone_id, company_name, channel, credit_code, estimated_investment_fen
    ), history AS (
      INSERT INTO lead_stage_history (lead_id, from_stage, to_stage, reason, changed_by, changed_at)
      SELECT id, NULL, 'new', NULL, owner_id, ${now}::timestamptz FROM ins
    ), first_reports AS (
      INSERT INTO company_reports (lead_id, reported_by, reported_at, zone_id, company_name, channel, is_first)
      SELECT id, owner_id, created_at, zone_id, company_name, channel, true FROM ins
    ), audited AS (
      INSERT INTO audit_log (actor_id, action, entity_type, entity_id, before, after, request_id, at)
      SELECT ${by.actorId}::uuid, 'lead.create', 'lead', id::text, NULL,
        jsonb_build_object('id', id, 'companyName', company_name, 'creditCode', credit_code, 'ownerId', owner_id, 'zoneId', zone_id,
          'channel', channel, 'estimatedInvestmentFen', estimated_investment_fen, 'importId', ${by.importId}::text),
        ${by.requestId}::text, ${now}::timestamptz
      FROM ins
    )
    SELECT count(*)::int AS n FROM ins`);
  const written = rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  if (written !== rows.length) throw new Error(`${written} of ${rows.length} leads written`);
  return written;
}
