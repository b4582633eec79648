-- Issue 12 (imports): a lead inserted moves lead_rollup once per statement, not once per row. The row trigger upserted
-- the same few rollup rows once per lead; inside one transaction each upsert walks every earlier version of its row
-- (none can be pruned before commit, and lead_rollup_count_idx holds "n", so no update is HOT): 100,000 imported
-- leads spent ~2 minutes there. The statement trigger sums the statement's rows per rollup key (the transition table)
-- and upserts each key once. Updates and deletes keep the row trigger (crm_leads_rollup_trg, unchanged).
CREATE FUNCTION crm_leads_rollup_insert_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_rollup AS r (month, zone_id, owner_id, created_by, channel, industry_id, chain_node_id, stage, furthest_stage_rank, project_milestone, n, fen, project_fen)
  SELECT date_trunc('month', l.created_at AT TIME ZONE z.tz)::date, l.zone_id, l.owner_id, l.created_by, l.channel, l.industry_id, l.chain_node_id,
         l.stage, l.furthest_stage_rank, l.project_milestone, count(*)::bigint, sum(l.estimated_investment_fen)::numeric,
         sum(CASE WHEN l.project_milestone IS NULL THEN 0 ELSE l.project_contract_fen END)::numeric
  FROM inserted l CROSS JOIN (SELECT coalesce((SELECT s.time_zone FROM rollup_settings s WHERE s.id = 1), 'Asia/Shanghai') AS tz) z
  -- GROUP BY takes NULLs as equal, as lead_rollup_key (NULLS NOT DISTINCT) does: each key comes once per statement.
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  ON CONFLICT ON CONSTRAINT lead_rollup_key DO UPDATE SET n = r.n + excluded.n, fen = r.fen + excluded.fen, project_fen = r.project_fen + excluded.project_fen;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER leads_rollup ON leads;
--> statement-breakpoint
CREATE TRIGGER leads_rollup AFTER UPDATE OR DELETE ON leads FOR EACH ROW EXECUTE FUNCTION crm_leads_rollup_trg();
--> statement-breakpoint
CREATE TRIGGER leads_rollup_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION crm_leads_rollup_insert_trg();
