ALTER TABLE "inspection_checklists" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "reform_pilots" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "reform_demonstrations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "self_inspections" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "self_inspection_items" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inspection_submissions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "inspection_submission_units" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "spot_checks" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "spot_check_units" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "facilities" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "service_units" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "volunteer_organisations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "volunteers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "time_bank_entries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "volunteer_balances" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT ON "inspection_checklists" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "reform_pilots" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "reform_demonstrations" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "self_inspections" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "self_inspection_items" TO shequ_app;
--> statement-breakpoint
-- A submission is what the province received; it is never edited.
GRANT SELECT, INSERT ON "inspection_submissions" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "inspection_submission_units" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "spot_checks" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "spot_check_units" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "facilities" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "service_units" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "volunteer_organisations" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "volunteers" TO shequ_app;
--> statement-breakpoint
-- The time bank is an append-only ledger for the application: a correction is a new entry.
GRANT SELECT, INSERT ON "time_bank_entries" TO shequ_app;
--> statement-breakpoint
-- Balances change only through the ledger trigger below.
GRANT SELECT ON "volunteer_balances" TO shequ_app;
--> statement-breakpoint
-- Every ledger entry moves its volunteer's balance in the same transaction. The row lock of the upsert serialises
-- concurrent entries of one volunteer, and the CHECK (balance_minutes >= 0) refuses the one that would overdraw.
CREATE OR REPLACE FUNCTION time_bank_apply_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO volunteer_balances (tenant_id, volunteer_id, balance_minutes, updated_at)
  VALUES (NEW.tenant_id, NEW.volunteer_id, NEW.minutes, NEW.recorded_at)
  ON CONFLICT (tenant_id, volunteer_id) DO UPDATE
    SET balance_minutes = volunteer_balances.balance_minutes + EXCLUDED.balance_minutes, updated_at = EXCLUDED.updated_at;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION time_bank_apply_entry() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER time_bank_entries_apply AFTER INSERT ON "time_bank_entries" FOR EACH ROW EXECUTE FUNCTION time_bank_apply_entry();
