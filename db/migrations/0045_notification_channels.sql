CREATE TABLE "channel_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"subject" text NOT NULL,
	"unit" text NOT NULL,
	"wecom_user_sealed" text,
	"mobile_sealed" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_contacts_tenant_subject" UNIQUE("tenant_id","subject"),
	CONSTRAINT "channel_contacts_unit_in_tenant" CHECK ("channel_contacts"."unit" like "channel_contacts"."tenant_id" || '%')
);
--> statement-breakpoint
ALTER TABLE "channel_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "channel_deliveries" (
	"tenant_id" text NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone,
	"provider_message_id" text,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"deferred_at" timestamp with time zone,
	CONSTRAINT "channel_deliveries_pk" PRIMARY KEY("tenant_id","notification_id","channel")
);
--> statement-breakpoint
ALTER TABLE "channel_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "channel_rate_buckets" (
	"tenant_id" text NOT NULL,
	"channel" text NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_rate_buckets_pk" PRIMARY KEY("tenant_id","channel")
);
--> statement-breakpoint
ALTER TABLE "channel_rate_buckets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "channel_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"plan" jsonb NOT NULL,
	"quiet_hours" boolean DEFAULT true NOT NULL,
	"wecom_configured_at" timestamp with time zone,
	"sms_configured_at" timestamp with time zone,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "channel_contacts" ADD CONSTRAINT "channel_contacts_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_deliveries" ADD CONSTRAINT "channel_deliveries_notification" FOREIGN KEY ("tenant_id","notification_id") REFERENCES "public"."notifications"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_settings" ADD CONSTRAINT "channel_settings_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_contacts_tenant_unit" ON "channel_contacts" USING btree ("tenant_id","unit");--> statement-breakpoint
CREATE INDEX "channel_deliveries_tenant_status" ON "channel_deliveries" USING btree ("tenant_id","status","not_before");--> statement-breakpoint
CREATE INDEX "channel_deliveries_tenant_created" ON "channel_deliveries" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE POLICY "channel_contacts_tenant_isolation" ON "channel_contacts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "channel_deliveries_tenant_isolation" ON "channel_deliveries" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "channel_rate_buckets_tenant_isolation" ON "channel_rate_buckets" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "channel_settings_tenant_isolation" ON "channel_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
-- hand-written
ALTER TABLE "channel_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "channel_contacts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "channel_deliveries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "channel_rate_buckets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "channel_settings" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "channel_contacts" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "channel_deliveries" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "channel_rate_buckets" TO shequ_app;
