CREATE TABLE "reward_ledgers" (
	"subject_id" uuid NOT NULL,
	"policy_key" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reward_ledgers_subject_id_policy_key_pk" PRIMARY KEY("subject_id","policy_key")
);
--> statement-breakpoint
ALTER TABLE "credit_lines" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "verified_contract_investment_fen" bigint;