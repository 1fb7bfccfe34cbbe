CREATE TABLE "duties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"department" text NOT NULL,
	"title" text NOT NULL,
	"basis" text NOT NULL,
	"applies_to" text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"funding_basis" text NOT NULL,
	"funds_fen" bigint,
	"funding_document" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "duties_funding" CHECK ((funding_basis = 'none' and funds_fen is null and funding_document is null) or (funding_basis <> 'none' and funds_fen > 0 and funding_document is not null)),
	CONSTRAINT "duties_applies_to" CHECK (cardinality(applies_to) >= 1),
	CONSTRAINT "duties_ended_after_start" CHECK (ended_on is null or ended_on >= starts_on)
);
--> statement-breakpoint
ALTER TABLE "duties" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "unregistered_demands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"department" text NOT NULL,
	"request" text NOT NULL,
	"demanded_on" date NOT NULL,
	"unit_code" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unregistered_demands" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unregistered_demands" ADD CONSTRAINT "unregistered_demands_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duties_tenant_department" ON "duties" USING btree ("tenant_id","department","title");--> statement-breakpoint
CREATE INDEX "unregistered_demands_tenant_department" ON "unregistered_demands" USING btree ("tenant_id","department","demanded_on");--> statement-breakpoint
CREATE INDEX "unregistered_demands_tenant_unit" ON "unregistered_demands" USING btree ("tenant_id","unit_code" text_pattern_ops);--> statement-breakpoint
CREATE POLICY "duties_tenant_isolation" ON "duties" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "unregistered_demands_tenant_isolation" ON "unregistered_demands" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
-- hand-written
ALTER TABLE "duties" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "unregistered_demands" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "duties" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "unregistered_demands" TO shequ_app;
