ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "divisions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "tenants" TO shequ_app;
--> statement-breakpoint
-- The audit log is append-only for the application.
GRANT SELECT, INSERT ON "audit_log" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "divisions" TO shequ_app;
--> statement-breakpoint
-- Offboarding deletes every row of one tenant in every table that has tenant_id, the append-only audit log included,
-- so it runs with the owner's rights; it still passes through row-level security, by setting the tenant it deletes.
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
  RETURN removed;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION offboard_tenant(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION offboard_tenant(text) TO shequ_app;
