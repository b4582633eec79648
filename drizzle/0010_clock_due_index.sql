-- The clock lists over a million leads: "everything due by now, most urgent first" is one range of this index, and
-- the managers' overdue counts per person and per zone read only the index (INCLUDE), never the wide lead rows.
-- Partial: signed and lost leads have no clock and stay out of it. Hand-written because drizzle cannot express INCLUDE.
CREATE INDEX IF NOT EXISTS "leads_clock_due_idx" ON "leads" USING btree ("clock_due_at", "id")
  INCLUDE ("owner_id", "zone_id", "protection_expires_at", "clock_phase")
  WHERE "clock_due_at" IS NOT NULL;
--> statement-breakpoint
-- Open leads whose clock was never computed (leads that existed before the clocks): the backfill job's work list,
-- empty once it has run.
CREATE INDEX IF NOT EXISTS "leads_clock_missing_idx" ON "leads" USING btree ("id")
  WHERE "clock_phase" IS NULL AND "stage" NOT IN ('signed', 'lost');
--> statement-breakpoint
-- The managers' overdue counts look at the clocks still their owners' (protection not lapsed into the pool): this
-- index holds running clocks by protection expiry, so the count reads only those (a range from now on), index-only.
CREATE INDEX IF NOT EXISTS "leads_clock_live_idx" ON "leads" USING btree ("protection_expires_at")
  INCLUDE ("clock_due_at", "owner_id", "zone_id", "clock_phase")
  WHERE "clock_due_at" IS NOT NULL;
