CREATE TABLE "consultation_calendar_days" (
	"tenant_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_calendar_days_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
ALTER TABLE "consultation_calendar_days" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_rate_buckets" (
	"tenant_id" text NOT NULL,
	"bucket" text NOT NULL,
	"tokens" double precision NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_rate_buckets_pk" PRIMARY KEY("tenant_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "consultation_rate_buckets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_reminders" (
	"tenant_id" text NOT NULL,
	"consultation_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"as_of_day" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_reminders_pk" PRIMARY KEY("tenant_id","consultation_id","stage")
);
--> statement-breakpoint
ALTER TABLE "consultation_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"community_code" text NOT NULL,
	"tracking_code" text NOT NULL,
	"token_hash" text NOT NULL,
	"category" text NOT NULL,
	"text" text NOT NULL,
	"resident_name" text,
	"phone_sealed" text,
	"phone_masked" text,
	"status" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"assignee" text,
	"assigned_by" text,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultations_tenant_tracking" UNIQUE("tenant_id","tracking_code"),
	CONSTRAINT "consultations_tenant_token" UNIQUE("tenant_id","token_hash"),
	CONSTRAINT "consultations_answered" CHECK (status <> 'answered' or answered_at is not null),
	CONSTRAINT "consultations_rated" CHECK (rating is null or answered_at is not null)
);
--> statement-breakpoint
ALTER TABLE "consultations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_calendar_days" ADD CONSTRAINT "consultation_calendar_days_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_rate_buckets" ADD CONSTRAINT "consultation_rate_buckets_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_reminders" ADD CONSTRAINT "consultation_reminders_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_settings" ADD CONSTRAINT "consultation_settings_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_tenant_community" ON "consultations" USING btree ("tenant_id","community_code" text_pattern_ops,"received_on");--> statement-breakpoint
CREATE INDEX "consultations_tenant_open_due" ON "consultations" USING btree ("tenant_id","due_on") WHERE status in ('new', 'assigned');--> statement-breakpoint
CREATE POLICY "consultation_calendar_days_tenant_isolation" ON "consultation_calendar_days" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "consultation_rate_buckets_tenant_isolation" ON "consultation_rate_buckets" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "consultation_reminders_tenant_isolation" ON "consultation_reminders" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "consultation_settings_tenant_isolation" ON "consultation_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "consultations_tenant_isolation" ON "consultations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
-- hand-written
ALTER TABLE "consultations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consultation_reminders" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consultation_calendar_days" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consultation_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "consultation_rate_buckets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "consultations" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "consultation_reminders" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "consultation_calendar_days" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "consultation_settings" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "consultation_rate_buckets" TO shequ_app;
