ALTER TABLE "parked_messages" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "parked_messages" TO shequ_app;
