CREATE TABLE "reward_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calculation_id" uuid NOT NULL,
	"raised_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_recoveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"calculation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"policy_key" uuid NOT NULL,
	"payee_type" text NOT NULL,
	"payee_id" uuid NOT NULL,
	"owed_fen" bigint NOT NULL,
	"recovered_fen" bigint DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"flagged_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_recovery_instalments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recovery_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"received_on" date NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD COLUMN "notice_from" date;--> statement-breakpoint
ALTER TABLE "reward_calculations" ADD COLUMN "notice_until" date;--> statement-breakpoint
ALTER TABLE "reward_policies" ADD COLUMN "notice_threshold_fen" bigint DEFAULT 5000000;--> statement-breakpoint
ALTER TABLE "reward_policies" ADD COLUMN "notice_working_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "reward_objections" ADD CONSTRAINT "reward_objections_calculation_id_reward_calculations_id_fk" FOREIGN KEY ("calculation_id") REFERENCES "public"."reward_calculations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_objections" ADD CONSTRAINT "reward_objections_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_objections" ADD CONSTRAINT "reward_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_recoveries" ADD CONSTRAINT "reward_recoveries_payment_id_reward_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."reward_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_recoveries" ADD CONSTRAINT "reward_recoveries_calculation_id_reward_calculations_id_fk" FOREIGN KEY ("calculation_id") REFERENCES "public"."reward_calculations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_recoveries" ADD CONSTRAINT "reward_recoveries_flagged_by_users_id_fk" FOREIGN KEY ("flagged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_recovery_instalments" ADD CONSTRAINT "reward_recovery_instalments_recovery_id_reward_recoveries_id_fk" FOREIGN KEY ("recovery_id") REFERENCES "public"."reward_recoveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_recovery_instalments" ADD CONSTRAINT "reward_recovery_instalments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reward_objections_calc_idx" ON "reward_objections" USING btree ("calculation_id","status");--> statement-breakpoint
CREATE INDEX "reward_recoveries_subject_idx" ON "reward_recoveries" USING btree ("subject_id","policy_key");--> statement-breakpoint
CREATE INDEX "reward_recoveries_payment_idx" ON "reward_recoveries" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "reward_recovery_instalments_recovery_idx" ON "reward_recovery_instalments" USING btree ("recovery_id");