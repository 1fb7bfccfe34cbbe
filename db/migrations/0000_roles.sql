-- The runtime role: no login, no BYPASSRLS, owns nothing. Roles are cluster-wide, so create it only once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shequ_app') THEN
    CREATE ROLE shequ_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on the same server created it at the same moment
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT shequ_app TO %I', current_user);
EXCEPTION WHEN others THEN
  RAISE NOTICE 'grant of shequ_app to % skipped: %', current_user, SQLERRM;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO shequ_app;
