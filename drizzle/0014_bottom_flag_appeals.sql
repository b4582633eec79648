CREATE TABLE "bottom_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"score_hundredths" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"appeal_by" text NOT NULL,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "scoring_schemes" ADD COLUMN "appeal_working_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "bottom_flags" ADD CONSTRAINT "bottom_flags_period_id_performance_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."performance_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bottom_flags_uq" ON "bottom_flags" USING btree ("period_id","staff_id");--> statement-breakpoint
CREATE INDEX "bottom_flags_staff_idx" ON "bottom_flags" USING btree ("staff_id");