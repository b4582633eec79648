-- Covering index for the funnel and the kanban board: their aggregates over a million leads read only this
-- index (index-only scans), never the wide lead rows. Hand-written because drizzle cannot express INCLUDE.
CREATE INDEX IF NOT EXISTS "leads_pipeline_idx" ON "leads" USING btree ("created_at")
  INCLUDE ("stage", "furthest_stage_rank", "estimated_investment_fen", "zone_id", "channel", "industry_id", "owner_id", "created_by", "chain_node_id");
