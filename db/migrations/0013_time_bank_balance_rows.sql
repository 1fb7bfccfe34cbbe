-- A CHECK is tested on the row an INSERT … ON CONFLICT proposes before the conflict is found, so a draw cannot go
-- through an upsert: every volunteer gets a zero balance row when registered, and a ledger entry updates that row.
CREATE OR REPLACE FUNCTION volunteer_open_balance() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO volunteer_balances (tenant_id, volunteer_id, balance_minutes, updated_at)
  VALUES (NEW.tenant_id, NEW.id, 0, NEW.created_at)
  ON CONFLICT (tenant_id, volunteer_id) DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION volunteer_open_balance() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER volunteers_open_balance AFTER INSERT ON "volunteers" FOR EACH ROW EXECUTE FUNCTION volunteer_open_balance();
--> statement-breakpoint
INSERT INTO volunteer_balances (tenant_id, volunteer_id, balance_minutes, updated_at)
SELECT v.tenant_id, v.id, 0, v.created_at FROM volunteers v
ON CONFLICT (tenant_id, volunteer_id) DO NOTHING;
--> statement-breakpoint
-- The UPDATE takes the balance row's lock, so concurrent entries of one volunteer apply one after the other and the
-- CHECK (balance_minutes >= 0) refuses the one that would overdraw.
CREATE OR REPLACE FUNCTION time_bank_apply_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE volunteer_balances SET balance_minutes = balance_minutes + NEW.minutes, updated_at = NEW.recorded_at
  WHERE tenant_id = NEW.tenant_id AND volunteer_id = NEW.volunteer_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'volunteer % has no balance row', NEW.volunteer_id USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END
$$;
