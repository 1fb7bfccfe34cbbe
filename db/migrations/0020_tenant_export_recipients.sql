CREATE TABLE "tenant_export_recipients" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"registered_by" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_export_recipients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_export_recipients" ADD CONSTRAINT "tenant_export_recipients_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_export_recipients_tenant_isolation" ON "tenant_export_recipients" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));