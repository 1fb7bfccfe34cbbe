ALTER TABLE "revoked_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Sign-out adds a row and prunes expired ones; a revocation is never changed.
GRANT SELECT, INSERT, DELETE ON "revoked_tokens" TO shequ_app;
