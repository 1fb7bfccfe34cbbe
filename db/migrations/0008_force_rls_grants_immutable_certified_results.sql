ALTER TABLE "committees" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "committee_terms" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "committee_members" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "committee_systems" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "working_committees" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "social_workers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tenant_data_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "elections" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "election_rounds" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "election_candidates" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "election_results" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "election_certifications" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Result sheets and certifications are insert-only for the application; the trigger below holds even for the owner.
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "committees" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "committee_terms" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "committee_members" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "committee_systems" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "working_committees" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "social_workers" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "tenant_data_keys" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "elections" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "election_rounds" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "election_candidates" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "election_results" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "election_certifications" TO shequ_app;
--> statement-breakpoint
-- A counted sheet and a certification are records of what happened: no one changes or deletes them, not even the
-- owner; only offboarding (which declares app.offboarding for the tenant it deletes, as the owner) removes them.
CREATE OR REPLACE FUNCTION refuse_change_of_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_user <> 'shequ_app' AND current_setting('app.offboarding', true) = OLD.tenant_id THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% of % is refused: certified election records are immutable; record a correction as a new version', TG_OP, TG_TABLE_NAME
    USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "election_results_immutable" BEFORE UPDATE OR DELETE ON "election_results" FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER "election_results_no_truncate" BEFORE TRUNCATE ON "election_results" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER "election_certifications_immutable" BEFORE UPDATE OR DELETE ON "election_certifications" FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER "election_certifications_no_truncate" BEFORE TRUNCATE ON "election_certifications" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
-- Offboarding also declares itself, so the immutability triggers let it delete the tenant it removes.
CREATE OR REPLACE FUNCTION offboard_tenant(target text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t record;
  n bigint;
  removed jsonb := '{}'::jsonb;
  pending int;
  pass int := 0;
  caller_tenant text := current_setting('app.tenant_id', true);
BEGIN
  IF current_setting('app.scope', true) IS DISTINCT FROM 'province' THEN
    RAISE EXCEPTION 'offboarding needs the province scope' USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('app.tenant_id', target, true);
  PERFORM set_config('app.offboarding', target, true);
  LOOP
    pass := pass + 1;
    pending := 0;
    FOR t IN
      SELECT c.table_name::text AS table_name FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE'
      ORDER BY c.table_name
    LOOP
      BEGIN
        EXECUTE format('DELETE FROM %I WHERE tenant_id = $1', t.table_name) USING target;
        GET DIAGNOSTICS n = ROW_COUNT;
        removed := jsonb_set(removed, ARRAY[t.table_name], to_jsonb(coalesce((removed ->> t.table_name)::bigint, 0) + n));
      EXCEPTION WHEN foreign_key_violation THEN
        pending := pending + 1;
      END;
    END LOOP;
    EXIT WHEN pending = 0;
    IF pass > 20 THEN
      RAISE EXCEPTION 'offboarding of % could not order its deletes', target;
    END IF;
  END LOOP;
  DELETE FROM tenants WHERE code = target;
  GET DIAGNOSTICS n = ROW_COUNT;
  removed := jsonb_set(removed, ARRAY['tenants'], to_jsonb(n));
  PERFORM set_config('app.tenant_id', coalesce(caller_tenant, ''), true);
  PERFORM set_config('app.offboarding', '', true);
  RETURN removed;
END
$$;
