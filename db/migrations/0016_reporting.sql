CREATE TABLE "report_aggregates" (
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"indicator" text NOT NULL,
	"value" numeric,
	"contributing_cities" integer NOT NULL,
	"per_city" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_aggregates_pk" PRIMARY KEY("template_id","period","indicator")
);
--> statement-breakpoint
ALTER TABLE "report_aggregates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_late_notices" (
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"city_code" text NOT NULL,
	"due_on" date NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_late_notices_pk" PRIMARY KEY("template_id","period","city_code")
);
--> statement-breakpoint
ALTER TABLE "report_late_notices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_periods" (
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"opens_on" date NOT NULL,
	"due_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_periods_pk" PRIMARY KEY("template_id","period"),
	CONSTRAINT "report_periods_dates_ordered" CHECK ("report_periods"."opens_on" <= "report_periods"."due_on" and "report_periods"."due_on" <= "report_periods"."closes_on")
);
--> statement-breakpoint
ALTER TABLE "report_periods" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_reminders" (
	"tenant_id" text NOT NULL,
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"stage" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_reminders_pk" PRIMARY KEY("tenant_id","template_id","period","stage")
);
--> statement-breakpoint
ALTER TABLE "report_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_snapshots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"report_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"figures" jsonb NOT NULL,
	"district_figures" jsonb NOT NULL,
	"narrative" text NOT NULL,
	"attachments" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"on_time" boolean NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	CONSTRAINT "report_snapshots_tenant_report_version" UNIQUE("tenant_id","report_id","version")
);
--> statement-breakpoint
ALTER TABLE "report_snapshots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "report_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"period_type" text NOT NULL,
	"on_time_days" integer NOT NULL,
	"indicators" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_templates_code" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "report_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"district_figures" jsonb NOT NULL,
	"computed_at" timestamp with time zone,
	"narrative" text DEFAULT '' NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reports_tenant_template_period" UNIQUE("tenant_id","template_id","period"),
	CONSTRAINT "reports_tenant_id" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "report_aggregates" ADD CONSTRAINT "report_aggregates_template_id_report_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."report_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_periods" ADD CONSTRAINT "report_periods_template_id_report_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."report_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reminders" ADD CONSTRAINT "report_reminders_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD CONSTRAINT "report_snapshots_template_id_report_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."report_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_template_id_report_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."report_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_snapshots_tenant_template_period" ON "report_snapshots" USING btree ("tenant_id","template_id","period","version");--> statement-breakpoint
CREATE INDEX "reports_tenant_status" ON "reports" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE POLICY "report_aggregates_province_write" ON "report_aggregates" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "report_late_notices_city_insert" ON "report_late_notices" AS PERMISSIVE FOR INSERT TO public WITH CHECK (city_code = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "report_late_notices_province_read" ON "report_late_notices" AS PERMISSIVE FOR SELECT TO public USING ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "report_periods_read" ON "report_periods" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "report_periods_province_write" ON "report_periods" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "report_reminders_tenant_isolation" ON "report_reminders" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "report_snapshots_tenant_isolation" ON "report_snapshots" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "report_snapshots_province_read" ON "report_snapshots" AS PERMISSIVE FOR SELECT TO public USING ((select current_setting('app.scope', true)) = 'province' and status in ('submitted', 'accepted', 'returned'));--> statement-breakpoint
CREATE POLICY "report_snapshots_province_review" ON "report_snapshots" AS PERMISSIVE FOR UPDATE TO public USING ((select current_setting('app.scope', true)) = 'province' and status = 'submitted') WITH CHECK ((select current_setting('app.scope', true)) = 'province' and status in ('accepted', 'returned'));--> statement-breakpoint
CREATE POLICY "report_templates_read" ON "report_templates" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "report_templates_province_write" ON "report_templates" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "reports_tenant_isolation" ON "reports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));