CREATE TABLE "assemblies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"community_code" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assemblies_tenant_community" UNIQUE("tenant_id","community_code")
);
--> statement-breakpoint
ALTER TABLE "assemblies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assembly_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"assembly_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"matter" text NOT NULL,
	"votes_for" integer NOT NULL,
	"votes_against" integer NOT NULL,
	"abstentions" integer NOT NULL,
	"adopted" boolean NOT NULL,
	"public" boolean NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assembly_decisions_votes" CHECK (votes_for >= 0 and votes_against >= 0 and abstentions >= 0)
);
--> statement-breakpoint
ALTER TABLE "assembly_decisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assembly_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"report_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"recorded_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assembly_evaluations_tenant_report_member" UNIQUE("tenant_id","report_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "assembly_evaluations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assembly_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"assembly_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"representatives_in_force" integer NOT NULL,
	"present_ids" uuid[] NOT NULL,
	"quorate" boolean NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assembly_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assembly_representatives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"assembly_id" uuid NOT NULL,
	"name" text NOT NULL,
	"constituency_kind" text NOT NULL,
	"constituency" text NOT NULL,
	"from_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assembly_representatives_dates" CHECK (ended_on is null or ended_on > from_on)
);
--> statement-breakpoint
ALTER TABLE "assembly_representatives" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assembly_work_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"assembly_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"committee_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assembly_work_reports_tenant_meeting_committee" UNIQUE("tenant_id","meeting_id","committee_id")
);
--> statement-breakpoint
ALTER TABLE "assembly_work_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_decisions" ADD CONSTRAINT "assembly_decisions_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_evaluations" ADD CONSTRAINT "assembly_evaluations_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_meetings" ADD CONSTRAINT "assembly_meetings_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_representatives" ADD CONSTRAINT "assembly_representatives_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_work_reports" ADD CONSTRAINT "assembly_work_reports_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assemblies_tenant_code_prefix" ON "assemblies" USING btree ("tenant_id","community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assembly_decisions_tenant_meeting" ON "assembly_decisions" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "assembly_decisions_tenant_assembly" ON "assembly_decisions" USING btree ("tenant_id","assembly_id");--> statement-breakpoint
CREATE INDEX "assembly_meetings_tenant_assembly" ON "assembly_meetings" USING btree ("tenant_id","assembly_id","held_on");--> statement-breakpoint
CREATE INDEX "assembly_representatives_tenant_assembly" ON "assembly_representatives" USING btree ("tenant_id","assembly_id","from_on");--> statement-breakpoint
CREATE INDEX "assembly_work_reports_tenant_committee" ON "assembly_work_reports" USING btree ("tenant_id","committee_id","year");--> statement-breakpoint
CREATE POLICY "assemblies_tenant_isolation" ON "assemblies" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "assembly_decisions_tenant_isolation" ON "assembly_decisions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "assembly_evaluations_tenant_isolation" ON "assembly_evaluations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "assembly_meetings_tenant_isolation" ON "assembly_meetings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "assembly_representatives_tenant_isolation" ON "assembly_representatives" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "assembly_work_reports_tenant_isolation" ON "assembly_work_reports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));
--> statement-breakpoint
-- hand-written
ALTER TABLE "assemblies" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assembly_representatives" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assembly_meetings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assembly_decisions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assembly_work_reports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assembly_evaluations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "assemblies" TO shequ_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "assembly_representatives" TO shequ_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "assembly_meetings" TO shequ_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "assembly_decisions" TO shequ_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "assembly_work_reports" TO shequ_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "assembly_evaluations" TO shequ_app;
