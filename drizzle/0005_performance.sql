CREATE TABLE "performance_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme_id" uuid NOT NULL,
	"period" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"closed_by" uuid NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoring_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"target_mode" text DEFAULT 'per_staff' NOT NULL,
	"target_period" text DEFAULT 'month' NOT NULL,
	"bottom_percent" integer DEFAULT 10 NOT NULL,
	"metrics" jsonb NOT NULL,
	"staff_targets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_schemes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "zone_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"metric" text NOT NULL,
	"target" bigint NOT NULL,
	"note" text,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "performance_periods" ADD CONSTRAINT "performance_periods_scheme_id_scoring_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."scoring_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_targets" ADD CONSTRAINT "zone_targets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "performance_periods_uq" ON "performance_periods" USING btree ("scheme_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "zone_targets_uq" ON "zone_targets" USING btree ("zone_id","year","metric");--> statement-breakpoint
CREATE INDEX "zone_targets_year_idx" ON "zone_targets" USING btree ("year");