ALTER TABLE "data_imports" ADD COLUMN "error_reason" text;--> statement-breakpoint
ALTER TABLE "data_imports" ADD COLUMN "error_params" jsonb;