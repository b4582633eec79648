-- Issue 8: contract investment moves money and ranks people only once a manager has verified it.
-- Projects signed before this rule counted their contract amount as it was entered; they keep doing so (it is
-- taken as verified), so no ranking or reward changes overnight. Every new report or edit waits for verification.
UPDATE "projects" SET "verified_contract_investment_fen" = "contract_investment_fen" WHERE "verified_contract_investment_fen" IS NULL;
--> statement-breakpoint
-- Credits entered before their order was kept: number them in a fixed order (by id; the entered order is lost), so a split stays stable.
UPDATE "credit_lines" AS cl SET "position" = numbered.n
FROM (SELECT "id", (row_number() OVER (PARTITION BY "set_id" ORDER BY "id")) - 1 AS n FROM "credit_lines") AS numbered
WHERE cl."id" = numbered."id";
