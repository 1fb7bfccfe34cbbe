ALTER TABLE "tenant_export_recipients" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "tenant_export_recipients" TO shequ_app;
