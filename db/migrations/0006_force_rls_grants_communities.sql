ALTER TABLE "community_profiles" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "adjustment_plans" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "province_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "community_profiles" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "adjustment_plans" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "province_settings" TO shequ_app;
--> statement-breakpoint
CREATE INDEX "divisions_tenant_code_valid_from" ON "divisions" USING btree ("tenant_id", "code", "valid_from");
