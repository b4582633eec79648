ALTER TABLE "lead_totals" ADD COLUMN "fen" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
CREATE INDEX "lead_rollup_node_idx" ON "lead_rollup" USING btree ("chain_node_id","stage","n");--> statement-breakpoint
-- Hand-written below (issue 12): lead_totals carries the estimated-investment sum too, so the dashboard's monthly lead
-- trend reads it (a tenth of lead_rollup's rows) instead of lead_rollup by month, which has no index led by month.
CREATE OR REPLACE FUNCTION crm_lead_totals_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r lead_rollup; delta bigint; dfen numeric;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; delta := -OLD.n; dfen := -OLD.fen;
  ELSIF TG_OP = 'INSERT' THEN r := NEW; delta := NEW.n; dfen := NEW.fen;
  ELSE r := NEW; delta := NEW.n - OLD.n; dfen := NEW.fen - OLD.fen;
  END IF;
  IF delta <> 0 OR dfen <> 0 THEN
    INSERT INTO lead_totals AS t (month, zone_id, owner_id, created_by, stage, n, fen)
      VALUES (r.month, r.zone_id, r.owner_id, r.created_by, r.stage, delta, dfen)
      ON CONFLICT ON CONSTRAINT lead_totals_key DO UPDATE SET n = t.n + excluded.n, fen = t.fen + excluded.fen;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
UPDATE lead_totals t SET fen = s.fen
  FROM (SELECT month, zone_id, owner_id, created_by, stage, sum(fen) AS fen FROM lead_rollup GROUP BY 1, 2, 3, 4, 5) s
  WHERE (t.month, t.owner_id, t.created_by, t.stage) = (s.month, s.owner_id, s.created_by, s.stage) AND t.zone_id IS NOT DISTINCT FROM s.zone_id;
--> statement-breakpoint
-- Defensive: a key of lead_rollup that lead_totals lacks is added with its sums.
INSERT INTO lead_totals (month, zone_id, owner_id, created_by, stage, n, fen)
  SELECT month, zone_id, owner_id, created_by, stage, sum(n), sum(fen) FROM lead_rollup GROUP BY 1, 2, 3, 4, 5
  HAVING sum(n) <> 0 OR sum(fen) <> 0
  ON CONFLICT ON CONSTRAINT lead_totals_key DO NOTHING;
