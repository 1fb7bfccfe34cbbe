ALTER TABLE "report_aggregates" ADD COLUMN "per_city_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "report_aggregates" ADD COLUMN "per_city_values" numeric[] DEFAULT '{}'::numeric[] NOT NULL;--> statement-breakpoint
ALTER TABLE "report_snapshot_values" ADD COLUMN "ratio_numerator" numeric;--> statement-breakpoint
ALTER TABLE "report_snapshot_values" ADD COLUMN "ratio_denominator" numeric;