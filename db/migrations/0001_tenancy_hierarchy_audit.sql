CREATE TABLE "tenants" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tenants_code_is_city" CHECK ("tenants"."code" ~ '^[1-9][0-9]{3}$')
);
--> statement-breakpoint
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text,
	"actor" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"request_id" text,
	"detail" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "divisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"kind" text,
	"parent_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "divisions_tenant_code" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
ALTER TABLE "divisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_parent" FOREIGN KEY ("tenant_id","parent_code") REFERENCES "public"."divisions"("tenant_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_tenant_at" ON "audit_log" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "divisions_tenant_parent" ON "divisions" USING btree ("tenant_id","parent_code","code");--> statement-breakpoint
CREATE INDEX "divisions_tenant_code_prefix" ON "divisions" USING btree ("tenant_id","code" text_pattern_ops);--> statement-breakpoint
CREATE POLICY "tenants_province_manage" ON "tenants" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "tenants_own_row_read" ON "tenants" AS PERMISSIVE FOR SELECT TO public USING (code = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "audit_log_tenant_isolation" ON "audit_log" AS PERMISSIVE FOR ALL TO public USING (coalesce(tenant_id = (select nullif(current_setting('app.tenant_id', true), '')), false) or (tenant_id is null and (select current_setting('app.scope', true)) = 'province')) WITH CHECK (coalesce(tenant_id = (select nullif(current_setting('app.tenant_id', true), '')), false) or (tenant_id is null and (select current_setting('app.scope', true)) = 'province'));--> statement-breakpoint
CREATE POLICY "divisions_tenant_isolation" ON "divisions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));