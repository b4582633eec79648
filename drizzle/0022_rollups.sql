CREATE TABLE "activity_rollup" (
	"month" date NOT NULL,
	"staff_id" uuid NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "activity_rollup_key" UNIQUE("month","staff_id")
);
--> statement-breakpoint
CREATE TABLE "lead_rollup" (
	"month" date NOT NULL,
	"zone_id" uuid,
	"owner_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"channel" text NOT NULL,
	"industry_id" uuid,
	"chain_node_id" uuid,
	"stage" text NOT NULL,
	"furthest_stage_rank" integer NOT NULL,
	"project_milestone" text,
	"n" bigint NOT NULL,
	"fen" numeric NOT NULL,
	"project_fen" numeric NOT NULL,
	CONSTRAINT "lead_rollup_key" UNIQUE NULLS NOT DISTINCT("month","zone_id","owner_id","created_by","channel","industry_id","chain_node_id","stage","furthest_stage_rank","project_milestone")
);
--> statement-breakpoint
CREATE TABLE "rollup_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "project_milestone" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "project_contract_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Issue 12 (heavy reads): pre-aggregated figures kept exact by triggers, in the same transaction as each write.
-- The recount: what lead_rollup must hold, computed from scratch (the rebuild, the property test and the app's
-- fallback when its time zone is not the rollup's all read it). It joins projects itself rather than reading the
-- copies on leads, so the test checks the projects trigger too.
CREATE FUNCTION crm_lead_rollup_recount(tz text) RETURNS TABLE (
  month date, zone_id uuid, owner_id uuid, created_by uuid, channel text, industry_id uuid, chain_node_id uuid,
  stage text, furthest_stage_rank integer, project_milestone text, n bigint, fen numeric, project_fen numeric
) LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', l.created_at AT TIME ZONE tz)::date, l.zone_id, l.owner_id, l.created_by, l.channel, l.industry_id,
         l.chain_node_id, l.stage, l.furthest_stage_rank, p.current_milestone, count(*)::bigint,
         coalesce(sum(l.estimated_investment_fen), 0)::numeric, coalesce(sum(p.contract_investment_fen), 0)::numeric
  FROM leads l LEFT JOIN projects p ON p.lead_id = l.id AND p.parent_project_id IS NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
$$;
--> statement-breakpoint
CREATE FUNCTION crm_activity_rollup_recount() RETURNS TABLE (month date, staff_id uuid, n bigint) LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', a.occurred_on)::date, s.staff_id, count(*)::bigint
  FROM activities a CROSS JOIN LATERAL unnest(a.staff_ids) AS s(staff_id)
  WHERE a.kind IN ('visit', 'inspection')
  GROUP BY 1, 2
$$;
--> statement-breakpoint
CREATE FUNCTION crm_lead_rollup_add(l leads, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_rollup AS r (month, zone_id, owner_id, created_by, channel, industry_id, chain_node_id, stage, furthest_stage_rank, project_milestone, n, fen, project_fen)
  VALUES (
    date_trunc('month', l.created_at AT TIME ZONE coalesce((SELECT s.time_zone FROM rollup_settings s WHERE s.id = 1), 'Asia/Shanghai'))::date,
    l.zone_id, l.owner_id, l.created_by, l.channel, l.industry_id, l.chain_node_id, l.stage, l.furthest_stage_rank, l.project_milestone,
    sign, sign * l.estimated_investment_fen::numeric, CASE WHEN l.project_milestone IS NULL THEN 0 ELSE sign * l.project_contract_fen::numeric END)
  ON CONFLICT ON CONSTRAINT lead_rollup_key DO UPDATE SET n = r.n + excluded.n, fen = r.fen + excluded.fen, project_fen = r.project_fen + excluded.project_fen;
END $$;
--> statement-breakpoint
CREATE FUNCTION crm_leads_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.created_at, OLD.zone_id, OLD.owner_id, OLD.created_by, OLD.channel, OLD.industry_id, OLD.chain_node_id, OLD.stage,
      OLD.furthest_stage_rank, OLD.project_milestone, OLD.estimated_investment_fen, OLD.project_contract_fen)
    IS NOT DISTINCT FROM (NEW.created_at, NEW.zone_id, NEW.owner_id, NEW.created_by, NEW.channel, NEW.industry_id, NEW.chain_node_id, NEW.stage,
      NEW.furthest_stage_rank, NEW.project_milestone, NEW.estimated_investment_fen, NEW.project_contract_fen) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM crm_lead_rollup_add(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM crm_lead_rollup_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_rollup AFTER INSERT OR UPDATE OR DELETE ON leads FOR EACH ROW EXECUTE FUNCTION crm_leads_rollup_trg();
--> statement-breakpoint
CREATE FUNCTION crm_leads_truncate_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_rollup;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_rollup_truncate AFTER TRUNCATE ON leads FOR EACH STATEMENT EXECUTE FUNCTION crm_leads_truncate_trg();
--> statement-breakpoint
-- A project's milestone and contract amount are copied onto its lead; the lead's trigger then moves its figures.
-- Only a company's first project converts its lead: an expansion (增资扩产, parent_project_id set) shares the lead and
-- must not overwrite it.
CREATE FUNCTION crm_projects_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'DELETE' AND OLD.parent_project_id IS NOT NULL) OR (TG_OP <> 'DELETE' AND NEW.parent_project_id IS NOT NULL) THEN RETURN NULL; END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.lead_id IS DISTINCT FROM NEW.lead_id) THEN
    UPDATE leads SET project_milestone = NULL, project_contract_fen = 0 WHERE id = OLD.lead_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE leads SET project_milestone = NEW.current_milestone, project_contract_fen = NEW.contract_investment_fen
    WHERE id = NEW.lead_id AND (project_milestone, project_contract_fen) IS DISTINCT FROM (NEW.current_milestone, NEW.contract_investment_fen);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER projects_rollup AFTER INSERT OR UPDATE OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION crm_projects_rollup_trg();
--> statement-breakpoint
CREATE FUNCTION crm_activity_rollup_add(a activities, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF a.kind IN ('visit', 'inspection') THEN
    INSERT INTO activity_rollup AS r (month, staff_id, n)
    SELECT date_trunc('month', a.occurred_on)::date, s, sign * count(*) FROM unnest(a.staff_ids) AS s GROUP BY s
    ON CONFLICT ON CONSTRAINT activity_rollup_key DO UPDATE SET n = r.n + excluded.n;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION crm_activities_rollup_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN DELETE FROM activity_rollup; RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND (OLD.kind, OLD.occurred_on, OLD.staff_ids) IS NOT DISTINCT FROM (NEW.kind, NEW.occurred_on, NEW.staff_ids) THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM crm_activity_rollup_add(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM crm_activity_rollup_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activities_rollup AFTER INSERT OR UPDATE OR DELETE ON activities FOR EACH ROW EXECUTE FUNCTION crm_activities_rollup_trg();
--> statement-breakpoint
CREATE TRIGGER activities_rollup_truncate AFTER TRUNCATE ON activities FOR EACH STATEMENT EXECUTE FUNCTION crm_activities_rollup_trg();
--> statement-breakpoint
-- Recounts everything from scratch (and, given a zone, cuts the months in it from now on): the migration's backfill,
-- after a bulk load run with triggers off (the bench generator), or when the CRM's time zone changes.
CREATE FUNCTION crm_rebuild_rollups(tz text DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
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
END $$;
--> statement-breakpoint
INSERT INTO rollup_settings (id, time_zone) VALUES (1, 'Asia/Shanghai');
--> statement-breakpoint
SELECT crm_rebuild_rollups();
