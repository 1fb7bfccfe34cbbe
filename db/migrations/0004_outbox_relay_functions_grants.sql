ALTER TABLE "outbox" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "processed_messages" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sweep_runs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notification_reads" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Services only append to the outbox; reading and marking across tenants is the relay functions' job.
GRANT SELECT, INSERT ON "outbox" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "processed_messages" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "sweep_runs" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "notifications" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "notification_reads" TO shequ_app;
--> statement-breakpoint
-- Claims a batch of unsent rows of any tenant for one relay: SKIP LOCKED lets two relays run at once without taking the same rows,
-- and the lease lets a row whose relay died go out again later (consumers are idempotent on the outbox id).
CREATE OR REPLACE FUNCTION outbox_claim(batch_size int, at timestamptz, lease_until timestamptz)
RETURNS TABLE (id uuid, tenant_id text, queue text, message_type text, body jsonb, attempts int)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp SET app.scope = 'relay' AS $$
  UPDATE outbox o SET claimed_until = lease_until, attempts = o.attempts + 1
  WHERE o.id IN (
    SELECT c.id FROM outbox c
    WHERE c.sent_at IS NULL AND (c.claimed_until IS NULL OR c.claimed_until < at)
    ORDER BY c.created_at
    LIMIT batch_size
    FOR UPDATE SKIP LOCKED
  )
  RETURNING o.id, o.tenant_id, o.queue, o.message_type, o.body, o.attempts
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION outbox_mark_sent(ids uuid[], message_ids text[], at timestamptz) RETURNS int
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp SET app.scope = 'relay' AS $$
  WITH sent AS (
    UPDATE outbox o SET sent_at = at, sqs_message_id = s.message_id, claimed_until = NULL, last_error = NULL
    FROM unnest(ids, message_ids) AS s(id, message_id)
    WHERE o.id = s.id AND o.sent_at IS NULL
    RETURNING 1
  )
  SELECT count(*)::int FROM sent
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION outbox_release(ids uuid[], error text) RETURNS int
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp SET app.scope = 'relay' AS $$
  WITH released AS (
    UPDATE outbox o SET claimed_until = NULL, last_error = left(error, 1000)
    WHERE o.id = ANY (ids) AND o.sent_at IS NULL
    RETURNING 1
  )
  SELECT count(*)::int FROM released
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION outbox_pending() RETURNS TABLE (queue text, unsent bigint, oldest timestamptz)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp SET app.scope = 'relay' AS $$
  SELECT o.queue, count(*), min(o.created_at) FROM outbox o WHERE o.sent_at IS NULL GROUP BY o.queue
$$;
--> statement-breakpoint
-- Sweeps fan out to every active city; the tenant registry is not personal data, so its codes are readable to the runtime role.
CREATE OR REPLACE FUNCTION active_tenant_codes() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET app.scope = 'province' AS $$
  SELECT code FROM tenants WHERE status = 'active' ORDER BY code
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION outbox_claim(int, timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION outbox_mark_sent(uuid[], text[], timestamptz) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION outbox_release(uuid[], text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION outbox_pending() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION active_tenant_codes() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION outbox_claim(int, timestamptz, timestamptz) TO shequ_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION outbox_mark_sent(uuid[], text[], timestamptz) TO shequ_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION outbox_release(uuid[], text) TO shequ_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION outbox_pending() TO shequ_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION active_tenant_codes() TO shequ_app;
