ALTER TABLE "report_templates" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_periods" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "reports" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_snapshots" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_aggregates" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_reminders" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_late_notices" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT ON "report_templates" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "report_periods" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "reports" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "report_snapshots" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "report_aggregates" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "report_reminders" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "report_late_notices" TO shequ_app;
--> statement-breakpoint
-- A submitted snapshot is what the city sent: only its review (submitted → accepted | returned) may change, and only offboarding deletes it.
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
      NEW.narrative, NEW.attachments, NEW.content_hash, NEW.submitted_by, NEW.submitted_at, NEW.on_time)
     IS DISTINCT FROM
     (OLD.id, OLD.tenant_id, OLD.report_id, OLD.template_id, OLD.period, OLD.version, OLD.figures, OLD.district_figures,
      OLD.narrative, OLD.attachments, OLD.content_hash, OLD.submitted_by, OLD.submitted_at, OLD.on_time) THEN
    RAISE EXCEPTION 'a submitted report snapshot is immutable; the city resubmits a new version' USING ERRCODE = '55000';
  END IF;
  IF OLD.status <> 'submitted' OR NEW.status NOT IN ('accepted', 'returned') THEN
    RAISE EXCEPTION 'a report snapshot is reviewed once, from submitted to accepted or returned' USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "report_snapshots_immutable" BEFORE UPDATE OR DELETE ON "report_snapshots" FOR EACH ROW EXECUTE FUNCTION keep_report_snapshot();
--> statement-breakpoint
CREATE TRIGGER "report_snapshots_no_truncate" BEFORE TRUNCATE ON "report_snapshots" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
