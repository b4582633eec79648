CREATE TABLE "indicator_actuals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_code" text NOT NULL,
	"zone_id" uuid,
	"month" text NOT NULL,
	"value" bigint NOT NULL,
	"source" text,
	"entered_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_definitions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"aggregation" text NOT NULL,
	"scope" text DEFAULT 'zone' NOT NULL,
	"policy_ref" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_code" text NOT NULL,
	"zone_id" uuid,
	"year" integer NOT NULL,
	"target" bigint NOT NULL,
	"note" text,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "land_approved_on" date;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_indicator_code_indicator_definitions_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicator_definitions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_code_indicator_definitions_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicator_definitions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_actuals_zone_uq" ON "indicator_actuals" USING btree ("indicator_code","zone_id","month") WHERE "indicator_actuals"."zone_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_actuals_city_uq" ON "indicator_actuals" USING btree ("indicator_code","month") WHERE "indicator_actuals"."zone_id" is null;--> statement-breakpoint
CREATE INDEX "indicator_actuals_month_idx" ON "indicator_actuals" USING btree ("month");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_zone_uq" ON "indicator_targets" USING btree ("indicator_code","zone_id","year") WHERE "indicator_targets"."zone_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_all_uq" ON "indicator_targets" USING btree ("indicator_code","year") WHERE "indicator_targets"."zone_id" is null;--> statement-breakpoint
CREATE INDEX "indicator_targets_year_idx" ON "indicator_targets" USING btree ("year");--> statement-breakpoint
INSERT INTO "indicator_definitions" ("code", "name", "unit", "source", "aggregation", "scope", "policy_ref", "sort_order") VALUES
('value_added_growth', '工业增加值增速', 'bp', 'derived', 'rate', 'zone', '一(三) 工业增加值平均增速不低于10%', 10),
('output_share', '工业总产值占全市比重', 'bp', 'derived', 'rate', 'zone', '一(三) 占全市比重达到80%，其中铁岭经济开发区占40%，其他经济开发区占40%', 20),
('above_scale_share', '规上企业数量占全市比重', 'bp', 'derived', 'rate', 'zone', '一(三) 规上企业数量占全市比重85%', 30),
('fixed_asset_investment_growth', '工业固定资产投资增速', 'bp', 'derived', 'rate', 'zone', '一(三) 工业固定资产投资年均增速不低于20%', 40),
('industrial_value_added', '工业增加值', 'fen', 'entered', 'flow', 'zone', '一(三)', 110),
('industrial_output', '工业总产值', 'fen', 'entered', 'flow', 'zone', '一(三)', 120),
('above_scale_enterprises', '规上企业数', 'count', 'entered', 'stock', 'zone', '一(三)', 130),
('fixed_asset_investment', '工业固定资产投资', 'fen', 'entered', 'flow', 'zone', '一(三)', 140),
('city_industrial_output', '全市工业总产值', 'fen', 'entered', 'flow', 'city', '一(三) 比重的分母', 150),
('city_above_scale_enterprises', '全市规上企业数', 'count', 'entered', 'stock', 'city', '一(三) 比重的分母', 160),
('signed_investment', '签约投资额', 'fen', 'computed', 'flow', 'zone', '三(一) 月调度、季汇报', 210),
('new_projects', '新签约项目', 'count', 'computed', 'flow', 'zone', '三(一) 月调度、季汇报', 220),
('funds_in_place', '实际到位资金', 'fen', 'computed', 'flow', 'zone', '三(一) 月调度、季汇报', 230);
