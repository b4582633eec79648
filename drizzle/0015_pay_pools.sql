CREATE TABLE "pay_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"base_fen" bigint NOT NULL,
	"grade_multiplier" integer NOT NULL,
	"pool_fen" bigint NOT NULL,
	"parts" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"maker_id" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"filed_by" uuid,
	"filed_at" timestamp with time zone,
	"filing_reference" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pay_pools" ADD CONSTRAINT "pay_pools_period_id_performance_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."performance_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_pools" ADD CONSTRAINT "pay_pools_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pay_pools_uq" ON "pay_pools" USING btree ("period_id","zone_id");