-- Issue 12: the lead list's total read from lead_rollup as an index-only sum. IF NOT EXISTS: the bench database
-- got the index by hand while this was measured.
CREATE INDEX IF NOT EXISTS "lead_rollup_count_idx" ON "lead_rollup" USING btree ("stage","zone_id","owner_id","channel","industry_id","month","n");
--> statement-breakpoint
-- The funnel's and the board's part months read leads by creation instant (one UNION ALL branch per part month):
-- with the project's milestone and contract sum (copied onto leads by 0022) in the covering index, each branch is an
-- index-only range read instead of ~50,000 heap visits. Rebuilt in place (hand-written: drizzle cannot say INCLUDE).
DROP INDEX IF EXISTS "leads_pipeline_idx";--> statement-breakpoint
CREATE INDEX "leads_pipeline_idx" ON "leads" USING btree ("created_at")
  INCLUDE ("stage", "furthest_stage_rank", "estimated_investment_fen", "zone_id", "channel", "industry_id", "owner_id", "created_by", "chain_node_id", "project_milestone", "project_contract_fen");
