-- RLS is lifted for these back-fills only, so the migration's owner sees every city's rows and every aggregate.
ALTER TABLE "report_snapshots" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_snapshot_values" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_aggregates" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE "report_snapshot_values" v
SET ratio_numerator = (s.figures -> i.numerator ->> 'value')::numeric, ratio_denominator = (s.figures -> i.denominator ->> 'value')::numeric
FROM "report_snapshots" s, "report_templates" t CROSS JOIN LATERAL jsonb_to_recordset(t.indicators) AS i(code text, aggregation text, numerator text, denominator text)
WHERE s.id = v.snapshot_id AND t.id = v.template_id AND i.code = v.indicator AND i.aggregation = 'ratio';
--> statement-breakpoint
UPDATE "report_aggregates"
SET per_city_codes = array(SELECT key FROM jsonb_each_text(per_city) ORDER BY key),
  per_city_values = array(SELECT value::numeric FROM jsonb_each_text(per_city) ORDER BY key);
--> statement-breakpoint
ALTER TABLE "report_snapshots" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_snapshot_values" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "report_aggregates" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION keep_report_snapshot_value() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_user <> 'shequ_app' AND current_setting('app.offboarding', true) = OLD.tenant_id THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'a submitted report value is never deleted' USING ERRCODE = '55000';
  END IF;
  IF (NEW.tenant_id, NEW.snapshot_id, NEW.template_id, NEW.period, NEW.version, NEW.indicator, NEW.value, NEW.ratio_numerator, NEW.ratio_denominator)
     IS DISTINCT FROM
     (OLD.tenant_id, OLD.snapshot_id, OLD.template_id, OLD.period, OLD.version, OLD.indicator, OLD.value, OLD.ratio_numerator, OLD.ratio_denominator) THEN
    RAISE EXCEPTION 'a submitted report value is immutable; the city resubmits a new version' USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END
$$;
