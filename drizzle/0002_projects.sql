CREATE TABLE "credit_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"role" text NOT NULL,
	"share_bp" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"agent_id" uuid,
	"note" text,
	"is_current" boolean DEFAULT true NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"as_of" date NOT NULL,
	"source" text,
	"note" text,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone" text NOT NULL,
	"reached_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"name" text NOT NULL,
	"contract_investment_fen" bigint NOT NULL,
	"registered_capital_fen" bigint DEFAULT 0 NOT NULL,
	"planned_fixed_asset_investment_fen" bigint DEFAULT 0 NOT NULL,
	"land_mu" numeric(12, 2) DEFAULT '0' NOT NULL,
	"expected_annual_output_fen" bigint DEFAULT 0 NOT NULL,
	"expected_annual_tax_fen" bigint DEFAULT 0 NOT NULL,
	"expected_jobs" integer DEFAULT 0 NOT NULL,
	"zone_id" uuid NOT NULL,
	"park_id" uuid,
	"industry_id" uuid NOT NULL,
	"chain_node_id" uuid,
	"agent_id" uuid,
	"owner_id" uuid NOT NULL,
	"signed_on" date NOT NULL,
	"current_milestone" text DEFAULT 'signed' NOT NULL,
	"notes" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "furthest_stage_rank" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_set_id_credit_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."credit_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_lines" ADD CONSTRAINT "credit_lines_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_sets" ADD CONSTRAINT "credit_sets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_sets" ADD CONSTRAINT "credit_sets_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_figures" ADD CONSTRAINT "project_figures_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_park_id_parks_id_fk" FOREIGN KEY ("park_id") REFERENCES "public"."parks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_industry_id_industries_id_fk" FOREIGN KEY ("industry_id") REFERENCES "public"."industries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_chain_node_id_chain_nodes_id_fk" FOREIGN KEY ("chain_node_id") REFERENCES "public"."chain_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_lines_set_staff_role_uq" ON "credit_lines" USING btree ("set_id","staff_id","role");--> statement-breakpoint
CREATE INDEX "credit_lines_staff_idx" ON "credit_lines" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "credit_sets_project_idx" ON "credit_sets" USING btree ("project_id","set_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_sets_current_uq" ON "credit_sets" USING btree ("project_id") WHERE "credit_sets"."is_current";--> statement-breakpoint
CREATE INDEX "project_figures_project_idx" ON "project_figures" USING btree ("project_id","kind","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "project_milestones_uq" ON "project_milestones" USING btree ("project_id","milestone");--> statement-breakpoint
CREATE INDEX "project_milestones_reached_idx" ON "project_milestones" USING btree ("milestone","reached_on");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_lead_uq" ON "projects" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "projects_created_idx" ON "projects" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "projects_milestone_idx" ON "projects" USING btree ("current_milestone","created_at");--> statement-breakpoint
CREATE INDEX "projects_zone_idx" ON "projects" USING btree ("zone_id","created_at");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "leads_stage_changed_idx" ON "leads" USING btree ("stage","stage_changed_at","id");