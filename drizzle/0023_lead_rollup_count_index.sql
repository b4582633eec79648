-- Issue 12: the lead list's total read from lead_rollup as an index-only sum. IF NOT EXISTS: the bench database
-- got the index by hand while this was measured.
CREATE INDEX IF NOT EXISTS "lead_rollup_count_idx" ON "lead_rollup" USING btree ("stage","zone_id","owner_id","channel","industry_id","month","n");
