CREATE TABLE "parked_messages" (
	"tenant_id" text NOT NULL,
	"queue" text NOT NULL,
	"message_key" text NOT NULL,
	"message_type" text NOT NULL,
	"body" jsonb NOT NULL,
	"parked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parked_messages_pk" PRIMARY KEY("tenant_id","queue","message_key")
);
--> statement-breakpoint
ALTER TABLE "parked_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "parked_messages" ADD CONSTRAINT "parked_messages_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parked_messages_tenant_at" ON "parked_messages" USING btree ("tenant_id","parked_at");--> statement-breakpoint
CREATE POLICY "parked_messages_tenant_isolation" ON "parked_messages" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));