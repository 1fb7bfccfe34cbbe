-- The values of snapshots submitted before this table existed, read as the aggregate read them; RLS is not forced yet
-- on the new table and is lifted from the snapshots for this one statement, so the migration's owner sees every city.
ALTER TABLE "report_snapshots" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
INSERT INTO "report_snapshot_values" (tenant_id, snapshot_id, template_id, period, version, indicator, value, status, latest)
SELECT s.tenant_id, s.id, s.template_id, s.period, s.version, f.key, (f.value ->> 'value')::numeric, s.status,
  s.version = max(s.version) OVER (PARTITION BY s.tenant_id, s.template_id, s.period)
FROM "report_snapshots" s CROSS JOIN jsonb_each(s.figures) f;
--> statement-breakpoint
ALTER TABLE "report_snapshots" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_snapshot_values" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "report_snapshot_values" TO shequ_app;
--> statement-breakpoint
-- A value is what the city sent: only its review status and whether its version is the latest change, and only offboarding deletes it.
CREATE OR REPLACE FUNCTION keep_report_snapshot_value() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_user <> 'shequ_app' AND current_setting('app.offboarding', true) = OLD.tenant_id THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'a submitted report value is never deleted' USING ERRCODE = '55000';
  END IF;
  IF (NEW.tenant_id, NEW.snapshot_id, NEW.template_id, NEW.period, NEW.version, NEW.indicator, NEW.value)
     IS DISTINCT FROM
     (OLD.tenant_id, OLD.snapshot_id, OLD.template_id, OLD.period, OLD.version, OLD.indicator, OLD.value) THEN
    RAISE EXCEPTION 'a submitted report value is immutable; the city resubmits a new version' USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "report_snapshot_values_immutable" BEFORE UPDATE OR DELETE ON "report_snapshot_values" FOR EACH ROW EXECUTE FUNCTION keep_report_snapshot_value();
--> statement-breakpoint
CREATE TRIGGER "report_snapshot_values_no_truncate" BEFORE TRUNCATE ON "report_snapshot_values" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
