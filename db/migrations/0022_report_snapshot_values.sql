CREATE TABLE "report_snapshot_values" (
	"tenant_id" text NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"indicator" text NOT NULL,
	"value" numeric,
	"status" text NOT NULL,
	"latest" boolean NOT NULL,
	CONSTRAINT "report_snapshot_values_pk" PRIMARY KEY("tenant_id","snapshot_id","indicator")
);
--> statement-breakpoint
ALTER TABLE "report_snapshot_values" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "report_snapshot_values" ADD CONSTRAINT "report_snapshot_values_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshot_values" ADD CONSTRAINT "report_snapshot_values_snapshot_id_report_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."report_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_snapshot_values_tenant_latest" ON "report_snapshot_values" USING btree ("tenant_id","template_id","period") WHERE latest;--> statement-breakpoint
CREATE POLICY "report_snapshot_values_tenant_isolation" ON "report_snapshot_values" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "report_snapshot_values_province_read" ON "report_snapshot_values" AS PERMISSIVE FOR SELECT TO public USING ((select current_setting('app.scope', true)) = 'province' and status in ('submitted', 'accepted', 'returned'));--> statement-breakpoint
CREATE POLICY "report_snapshot_values_province_review" ON "report_snapshot_values" AS PERMISSIVE FOR UPDATE TO public USING ((select current_setting('app.scope', true)) = 'province' and status = 'submitted') WITH CHECK ((select current_setting('app.scope', true)) = 'province' and status in ('accepted', 'returned'));