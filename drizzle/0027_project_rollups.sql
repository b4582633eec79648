CREATE TABLE "milestone_rollup" (
	"month" date NOT NULL,
	"milestone" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "milestone_rollup_key" UNIQUE("milestone","month")
);
--> statement-breakpoint
CREATE TABLE "project_rollup" (
	"month" date NOT NULL,
	"zone_id" uuid NOT NULL,
	"chain_node_id" uuid,
	"n" bigint NOT NULL,
	"fen" numeric NOT NULL,
	CONSTRAINT "project_rollup_key" UNIQUE NULLS NOT DISTINCT("month","zone_id","chain_node_id")
);
--> statement-breakpoint
-- Issue 12 (the dashboard, 412 ms p95 on 100,000 projects): its signed-per-zone, signed trend, chain-node counts and
-- construction trend each scanned every project or milestone per request. Hand-written below: the recounts, the
-- triggers that keep both tables exact in the same transaction as every write, the rebuild, the backfill.
-- Months are cut from dates (signed_on, reached_on), so no time zone is involved. Rows whose n fell to 0 stay, as in
-- lead_rollup: there are at most months × zones × nodes of them, readers sum them away, and a write stays one upsert.
CREATE FUNCTION crm_project_rollup_recount() RETURNS TABLE (month date, zone_id uuid, chain_node_id uuid, n bigint, fen numeric)
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', p.signed_on::timestamp)::date, p.zone_id, p.chain_node_id, count(*)::bigint, sum(p.contract_investment_fen)::numeric
  FROM projects p
  GROUP BY 1, 2, 3
$$;
--> statement-breakpoint
CREATE FUNCTION crm_milestone_rollup_recount() RETURNS TABLE (month date, milestone text, n bigint) LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', m.reached_on::timestamp)::date, m.milestone, count(*)::bigint
  FROM project_milestones m
  GROUP BY 1, 2
$$;
--> statement-breakpoint
CREATE FUNCTION crm_project_rollup_add(p projects, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO project_rollup AS r (month, zone_id, chain_node_id, n, fen)
  VALUES (date_trunc('month', p.signed_on::timestamp)::date, p.zone_id, p.chain_node_id, sign, sign * p.contract_investment_fen::numeric)
  ON CONFLICT ON CONSTRAINT project_rollup_key DO UPDATE SET n = r.n + excluded.n, fen = r.fen + excluded.fen;
END $$;
--> statement-breakpoint
-- Minus the old row, plus the new one; an update that leaves the four keyed/summed columns alone (a milestone, a
-- verification, a credit's agent) does nothing.
CREATE FUNCTION crm_project_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN DELETE FROM project_rollup; RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND (OLD.signed_on, OLD.zone_id, OLD.chain_node_id, OLD.contract_investment_fen)
    IS NOT DISTINCT FROM (NEW.signed_on, NEW.zone_id, NEW.chain_node_id, NEW.contract_investment_fen) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM crm_project_rollup_add(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM crm_project_rollup_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER projects_project_rollup AFTER INSERT OR UPDATE OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION crm_project_rollup_trg();
--> statement-breakpoint
CREATE TRIGGER projects_project_rollup_truncate AFTER TRUNCATE ON projects FOR EACH STATEMENT EXECUTE FUNCTION crm_project_rollup_trg();
--> statement-breakpoint
CREATE FUNCTION crm_milestone_rollup_add(m project_milestones, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO milestone_rollup AS r (month, milestone, n)
  VALUES (date_trunc('month', m.reached_on::timestamp)::date, m.milestone, sign)
  ON CONFLICT ON CONSTRAINT milestone_rollup_key DO UPDATE SET n = r.n + excluded.n;
END $$;
--> statement-breakpoint
CREATE FUNCTION crm_milestone_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN DELETE FROM milestone_rollup; RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND (OLD.milestone, OLD.reached_on) IS NOT DISTINCT FROM (NEW.milestone, NEW.reached_on) THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM crm_milestone_rollup_add(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM crm_milestone_rollup_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER project_milestones_rollup AFTER INSERT OR UPDATE OR DELETE ON project_milestones FOR EACH ROW EXECUTE FUNCTION crm_milestone_rollup_trg();
--> statement-breakpoint
CREATE TRIGGER project_milestones_rollup_truncate AFTER TRUNCATE ON project_milestones FOR EACH STATEMENT EXECUTE FUNCTION crm_milestone_rollup_trg();
--> statement-breakpoint
-- The rebuild of 0022 recounts the two new tables too (bench loads, move-to-postgres, a repair).
CREATE OR REPLACE FUNCTION crm_rebuild_rollups(tz text DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE zone text;
BEGIN
  IF tz IS NOT NULL THEN
    INSERT INTO rollup_settings (id, time_zone) VALUES (1, tz) ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone;
  END IF;
  SELECT s.time_zone INTO zone FROM rollup_settings s WHERE s.id = 1;
  UPDATE leads l SET project_milestone = p.current_milestone, project_contract_fen = p.contract_investment_fen FROM projects p
    WHERE p.lead_id = l.id AND p.parent_project_id IS NULL AND (l.project_milestone, l.project_contract_fen) IS DISTINCT FROM (p.current_milestone, p.contract_investment_fen);
  UPDATE leads l SET project_milestone = NULL, project_contract_fen = 0
    WHERE l.project_milestone IS NOT NULL AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.lead_id = l.id AND p.parent_project_id IS NULL);
  DELETE FROM lead_rollup;
  INSERT INTO lead_rollup SELECT * FROM crm_lead_rollup_recount(zone);
  DELETE FROM activity_rollup;
  INSERT INTO activity_rollup SELECT * FROM crm_activity_rollup_recount();
  DELETE FROM project_rollup;
  INSERT INTO project_rollup SELECT * FROM crm_project_rollup_recount();
  DELETE FROM milestone_rollup;
  INSERT INTO milestone_rollup SELECT * FROM crm_milestone_rollup_recount();
END $$;
--> statement-breakpoint
-- The backfill: only the new tables (a full rebuild would recount a million leads for nothing).
INSERT INTO project_rollup SELECT * FROM crm_project_rollup_recount();
--> statement-breakpoint
INSERT INTO milestone_rollup SELECT * FROM crm_milestone_rollup_recount();
