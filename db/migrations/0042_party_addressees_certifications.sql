CREATE TABLE "community_party_organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"community_code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"secretary_name" text NOT NULL,
	"secretary_chairs_recorded" boolean,
	"established_on" date NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_party_organisations_tenant_community" UNIQUE("tenant_id","community_code")
);
--> statement-breakpoint
ALTER TABLE "community_party_organisations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_unit_certifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"service_unit_id" uuid NOT NULL,
	"certifying_body" text NOT NULL,
	"certificate_number" text NOT NULL,
	"certified_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_unit_certifications_dates" CHECK (expires_on > certified_on)
);
--> statement-breakpoint
ALTER TABLE "service_unit_certifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "report_snapshots" ADD COLUMN "addressees" jsonb DEFAULT '{"to":[],"cc":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "report_templates" ADD COLUMN "addressees" jsonb DEFAULT '{"to":[],"cc":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "community_party_organisations" ADD CONSTRAINT "community_party_organisations_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_unit_certifications" ADD CONSTRAINT "service_unit_certifications_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_unit_certifications_tenant_unit" ON "service_unit_certifications" USING btree ("tenant_id","service_unit_id","certified_on");--> statement-breakpoint
CREATE INDEX "service_unit_certifications_tenant_expires" ON "service_unit_certifications" USING btree ("tenant_id","expires_on");--> statement-breakpoint
CREATE POLICY "community_party_organisations_tenant_isolation" ON "community_party_organisations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "service_unit_certifications_tenant_isolation" ON "service_unit_certifications" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
-- hand-written
ALTER TABLE "community_party_organisations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "service_unit_certifications" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "community_party_organisations" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "service_unit_certifications" TO shequ_app;
--> statement-breakpoint
-- The reform-completion template already published is addressed as the policy says (书面报告省委、省政府，抄送省民政厅);
-- RLS is lifted for this back-fill only, so the migration's owner sees the province's templates.
ALTER TABLE "report_templates" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE "report_templates" SET addressees = '{"to":["省委","省政府"],"cc":["省民政厅"]}'::jsonb WHERE code = 'reform_completion' AND addressees = '{"to":[],"cc":[]}'::jsonb;
--> statement-breakpoint
ALTER TABLE "report_templates" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A submitted snapshot's addressees are frozen with it, like its figures.
CREATE OR REPLACE FUNCTION keep_report_snapshot() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_user <> 'shequ_app' AND current_setting('app.offboarding', true) = OLD.tenant_id THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'a submitted report snapshot is never deleted' USING ERRCODE = '55000';
  END IF;
  IF (NEW.id, NEW.tenant_id, NEW.report_id, NEW.template_id, NEW.period, NEW.version, NEW.figures, NEW.district_figures,
      NEW.narrative, NEW.attachments, NEW.addressees, NEW.content_hash, NEW.submitted_by, NEW.submitted_at, NEW.on_time)
     IS DISTINCT FROM
     (OLD.id, OLD.tenant_id, OLD.report_id, OLD.template_id, OLD.period, OLD.version, OLD.figures, OLD.district_figures,
      OLD.narrative, OLD.attachments, OLD.addressees, OLD.content_hash, OLD.submitted_by, OLD.submitted_at, OLD.on_time) THEN
    RAISE EXCEPTION 'a submitted report snapshot is immutable; the city resubmits a new version' USING ERRCODE = '55000';
  END IF;
  IF OLD.status <> 'submitted' OR NEW.status NOT IN ('accepted', 'returned') THEN
    RAISE EXCEPTION 'a report snapshot is reviewed once, from submitted to accepted or returned' USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
