CREATE TABLE "approval_item_kinds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"statutory_working_days" integer NOT NULL,
	"target_working_days" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind_id" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_on" date NOT NULL,
	"accepted_on" date,
	"acceptance" text,
	"missing_documents" text,
	"missing_due_on" date,
	"documents_completed_on" date,
	"decided_on" date,
	"statutory_working_days" integer NOT NULL,
	"target_working_days" integer NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_zone_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"from_zone_id" uuid NOT NULL,
	"to_zone_id" uuid NOT NULL,
	"from_park_id" uuid,
	"to_park_id" uuid,
	"reason" text NOT NULL,
	"transferred_by" uuid NOT NULL,
	"transferred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "projects_lead_uq";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "parent_project_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "kind" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "project_company_name" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "project_company_credit_code" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "taxpayer_name" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "taxpayer_credit_code" text;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_kind_id_approval_item_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."approval_item_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_items" ADD CONSTRAINT "approval_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_zone_transfers" ADD CONSTRAINT "project_zone_transfers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_zone_transfers" ADD CONSTRAINT "project_zone_transfers_from_zone_id_zones_id_fk" FOREIGN KEY ("from_zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_zone_transfers" ADD CONSTRAINT "project_zone_transfers_to_zone_id_zones_id_fk" FOREIGN KEY ("to_zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_zone_transfers" ADD CONSTRAINT "project_zone_transfers_from_park_id_parks_id_fk" FOREIGN KEY ("from_park_id") REFERENCES "public"."parks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_zone_transfers" ADD CONSTRAINT "project_zone_transfers_to_park_id_parks_id_fk" FOREIGN KEY ("to_park_id") REFERENCES "public"."parks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_zone_transfers" ADD CONSTRAINT "project_zone_transfers_transferred_by_users_id_fk" FOREIGN KEY ("transferred_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_item_kinds_code_uq" ON "approval_item_kinds" USING btree ("code");--> statement-breakpoint
CREATE INDEX "approval_items_project_idx" ON "approval_items" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "approval_items_status_idx" ON "approval_items" USING btree ("status","kind_id");--> statement-breakpoint
CREATE INDEX "project_zone_transfers_project_idx" ON "project_zone_transfers" USING btree ("project_id","transferred_at");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_parent_project_id_projects_id_fk" FOREIGN KEY ("parent_project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_parent_idx" ON "projects" USING btree ("parent_project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_lead_uq" ON "projects" USING btree ("lead_id") WHERE parent_project_id is null;--> statement-breakpoint
-- The default catalogue (an admin edits it): statutory working days, the zone's target half of them, rounded up.
INSERT INTO "approval_item_kinds" ("code", "name", "statutory_working_days", "target_working_days", "position") VALUES
  ('project_filing', '立项/备案', 5, 3, 1),
  ('land', '用地', 20, 10, 2),
  ('planning', '规划许可', 20, 10, 3),
  ('construction_permit', '施工许可', 7, 4, 4),
  ('environmental', '环评', 30, 15, 5),
  ('energy', '能评', 20, 10, 6)
ON CONFLICT ("code") DO NOTHING;
