CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"queue" text NOT NULL,
	"message_type" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"sqs_message_id" text,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "processed_messages" (
	"tenant_id" text NOT NULL,
	"queue" text NOT NULL,
	"message_key" text NOT NULL,
	"message_type" text NOT NULL,
	"processed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "processed_messages_pk" PRIMARY KEY("tenant_id","queue","message_key")
);
--> statement-breakpoint
ALTER TABLE "processed_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sweep_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"sweep" text NOT NULL,
	"as_of_day" date NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"message_key" text NOT NULL,
	"result" jsonb NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sweep_runs_tenant_sweep_day" UNIQUE("tenant_id","sweep","as_of_day")
);
--> statement-breakpoint
ALTER TABLE "sweep_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_reads" (
	"tenant_id" text NOT NULL,
	"notification_id" uuid NOT NULL,
	"reader" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_reads_pk" PRIMARY KEY("tenant_id","notification_id","reader")
);
--> statement-breakpoint
ALTER TABLE "notification_reads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient" text NOT NULL,
	"reason_code" text NOT NULL,
	"reason" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"email_to" text,
	"emailed_at" timestamp with time zone,
	"dedup_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notifications_tenant_dedup" UNIQUE("tenant_id","dedup_key"),
	CONSTRAINT "notifications_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "notifications_unit_in_tenant" CHECK ("notifications"."recipient_kind" <> 'unit' or "notifications"."recipient" like "notifications"."tenant_id" || '%')
);
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processed_messages" ADD CONSTRAINT "processed_messages_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sweep_runs" ADD CONSTRAINT "sweep_runs_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification" FOREIGN KEY ("tenant_id","notification_id") REFERENCES "public"."notifications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_tenant_created" ON "outbox" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_tenant_unsent" ON "outbox" USING btree ("tenant_id","created_at") WHERE sent_at is null;--> statement-breakpoint
CREATE INDEX "processed_messages_tenant_at" ON "processed_messages" USING btree ("tenant_id","processed_at");--> statement-breakpoint
CREATE INDEX "sweep_runs_tenant_ran" ON "sweep_runs" USING btree ("tenant_id","ran_at");--> statement-breakpoint
CREATE INDEX "notifications_tenant_recipient" ON "notifications" USING btree ("tenant_id","recipient_kind","recipient","created_at");--> statement-breakpoint
CREATE POLICY "outbox_tenant_isolation" ON "outbox" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "outbox_relay_read" ON "outbox" AS PERMISSIVE FOR SELECT TO public USING (current_user <> 'shequ_app' and (select current_setting('app.scope', true)) = 'relay');--> statement-breakpoint
CREATE POLICY "outbox_relay_mark" ON "outbox" AS PERMISSIVE FOR UPDATE TO public USING (current_user <> 'shequ_app' and (select current_setting('app.scope', true)) = 'relay') WITH CHECK (current_user <> 'shequ_app' and (select current_setting('app.scope', true)) = 'relay');--> statement-breakpoint
CREATE POLICY "processed_messages_tenant_isolation" ON "processed_messages" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "sweep_runs_tenant_isolation" ON "sweep_runs" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "notification_reads_tenant_isolation" ON "notification_reads" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "notifications_tenant_isolation" ON "notifications" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));