CREATE TABLE "revoked_tokens" (
	"token_id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "revoked_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "revoked_tokens_expires_at" ON "revoked_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE POLICY "revoked_tokens_system_scope" ON "revoked_tokens" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'system') WITH CHECK ((select current_setting('app.scope', true)) = 'system');