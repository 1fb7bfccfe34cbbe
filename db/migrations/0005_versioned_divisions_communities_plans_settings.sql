CREATE TABLE "adjustment_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"street_code" text NOT NULL,
	"approver_unit" text NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"effective_date" date NOT NULL,
	"status" text NOT NULL,
	"changes" jsonb NOT NULL,
	"touched" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adjustment_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "community_profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"type" text,
	"households" integer,
	"population" integer,
	"area_km2" numeric(10, 3),
	"office_address" text,
	"has_service_centre" boolean DEFAULT false NOT NULL,
	"urban_village_pilot" boolean DEFAULT false NOT NULL,
	"urban_village_open_issues" text[] DEFAULT '{}'::text[] NOT NULL,
	"size_exception_reason" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_profiles_tenant_code" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
ALTER TABLE "community_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "province_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "province_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "divisions" DROP CONSTRAINT "divisions_parent";
--> statement-breakpoint
ALTER TABLE "divisions" DROP CONSTRAINT "divisions_tenant_code";--> statement-breakpoint
ALTER TABLE "divisions" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "divisions" ADD COLUMN "valid_to" date;--> statement-breakpoint
CREATE INDEX "adjustment_plans_tenant_street" ON "adjustment_plans" USING btree ("tenant_id","street_code","created_at");--> statement-breakpoint
CREATE INDEX "adjustment_plans_tenant_approver" ON "adjustment_plans" USING btree ("tenant_id","approver_unit","status");--> statement-breakpoint
CREATE INDEX "adjustment_plans_tenant_status" ON "adjustment_plans" USING btree ("tenant_id","status","effective_date");--> statement-breakpoint
CREATE UNIQUE INDEX "divisions_tenant_open_code" ON "divisions" USING btree ("tenant_id","code") WHERE valid_to is null;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_tenant_code_version" UNIQUE NULLS NOT DISTINCT("tenant_id","code","valid_from");--> statement-breakpoint
CREATE POLICY "adjustment_plans_tenant_isolation" ON "adjustment_plans" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "community_profiles_tenant_isolation" ON "community_profiles" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "province_settings_read" ON "province_settings" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "province_settings_province_write" ON "province_settings" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');