CREATE TABLE "reward_calculations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"project_id" uuid,
	"contract_id" uuid,
	"policy_id" uuid,
	"version_id" uuid,
	"milestone" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"inputs" jsonb NOT NULL,
	"trace" jsonb NOT NULL,
	"total_fen" bigint NOT NULL,
	"due_fen" bigint NOT NULL,
	"overpayment_fen" bigint DEFAULT 0 NOT NULL,
	"maker_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"checker_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calculation_id" uuid NOT NULL,
	"payee_type" text NOT NULL,
	"payee_id" uuid NOT NULL,
	"payee_name" text NOT NULL,
	"share_bp" integer,
	"amount_fen" bigint NOT NULL,
	"already_paid_fen" bigint DEFAULT 0 NOT NULL,
	"overpayment_fen" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calculation_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"policy_key" uuid NOT NULL,
	"payee_type" text NOT NULL,
	"payee_id" uuid NOT NULL,
	"milestone" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"paid_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reward_policies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "reward_policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"body" jsonb NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_fee_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"title" text NOT NULL,
	"fee_fen" bigint NOT NULL,
	"period" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD CONSTRAINT "reward_calculations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD CONSTRAINT "reward_calculations_contract_id_service_fee_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_fee_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD CONSTRAINT "reward_calculations_policy_id_reward_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."reward_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD CONSTRAINT "reward_calculations_version_id_reward_policy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."reward_policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD CONSTRAINT "reward_calculations_maker_id_users_id_fk" FOREIGN KEY ("maker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD CONSTRAINT "reward_calculations_checker_id_users_id_fk" FOREIGN KEY ("checker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_lines" ADD CONSTRAINT "reward_lines_calculation_id_reward_calculations_id_fk" FOREIGN KEY ("calculation_id") REFERENCES "public"."reward_calculations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_payments" ADD CONSTRAINT "reward_payments_calculation_id_reward_calculations_id_fk" FOREIGN KEY ("calculation_id") REFERENCES "public"."reward_calculations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_payments" ADD CONSTRAINT "reward_payments_line_id_reward_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."reward_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_policy_versions" ADD CONSTRAINT "reward_policy_versions_policy_id_reward_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."reward_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_fee_contracts" ADD CONSTRAINT "service_fee_contracts_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reward_calculations_status_idx" ON "reward_calculations" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reward_calculations_project_idx" ON "reward_calculations" USING btree ("project_id","policy_id","milestone");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_calculations_live_uq" ON "reward_calculations" USING btree (coalesce("project_id", "contract_id"),coalesce("policy_id", "contract_id"),"milestone") WHERE "reward_calculations"."status" in ('draft', 'submitted', 'approved', 'paid');--> statement-breakpoint
CREATE INDEX "reward_lines_calc_idx" ON "reward_lines" USING btree ("calculation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_payments_once_uq" ON "reward_payments" USING btree ("subject_id","policy_key","payee_type","payee_id","milestone");--> statement-breakpoint
CREATE INDEX "reward_payments_paid_idx" ON "reward_payments" USING btree ("paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_policy_versions_no_uq" ON "reward_policy_versions" USING btree ("policy_id","version_no");--> statement-breakpoint
CREATE INDEX "service_fee_contracts_agent_idx" ON "service_fee_contracts" USING btree ("agent_id");