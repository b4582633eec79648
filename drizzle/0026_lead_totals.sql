CREATE TABLE "lead_totals" (
	"month" date NOT NULL,
	"zone_id" uuid,
	"owner_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"stage" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "lead_totals_key" UNIQUE NULLS NOT DISTINCT("month","zone_id","owner_id","created_by","stage")
);
--> statement-breakpoint
-- Hand-written below (issue 12): lead_totals follows lead_rollup row by row. lead_rollup's keys never change (its
-- writers upsert n, fen and project_fen on a fixed key), so a row's move is NEW.n - OLD.n on one lead_totals key.
CREATE FUNCTION crm_lead_totals_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r lead_rollup; delta bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; delta := -OLD.n;
  ELSIF TG_OP = 'INSERT' THEN r := NEW; delta := NEW.n;
  ELSE r := NEW; delta := NEW.n - OLD.n;
  END IF;
  IF delta <> 0 THEN
    INSERT INTO lead_totals AS t (month, zone_id, owner_id, created_by, stage, n)
      VALUES (r.month, r.zone_id, r.owner_id, r.created_by, r.stage, delta)
      ON CONFLICT ON CONSTRAINT lead_totals_key DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_rollup_totals AFTER INSERT OR UPDATE OR DELETE ON lead_rollup FOR EACH ROW EXECUTE FUNCTION crm_lead_totals_trg();
--> statement-breakpoint
CREATE FUNCTION crm_lead_totals_truncate_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_totals;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_rollup_totals_truncate AFTER TRUNCATE ON lead_rollup FOR EACH STATEMENT EXECUTE FUNCTION crm_lead_totals_truncate_trg();
--> statement-breakpoint
INSERT INTO lead_totals (month, zone_id, owner_id, created_by, stage, n)
  SELECT month, zone_id, owner_id, created_by, stage, sum(n) FROM lead_rollup GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0;
