CREATE TABLE "training_completions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"session_id" uuid,
	"completed_on" date NOT NULL,
	"title" text NOT NULL,
	"provider" text,
	"evidence_ref" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_completions_tenant_member_session" UNIQUE("tenant_id","member_id","session_id"),
	CONSTRAINT "training_completions_kind" CHECK (("training_completions"."kind" = 'session') = ("training_completions"."session_id" is not null) and ("training_completions"."kind" = 'session' or "training_completions"."evidence_ref" is not null))
);
--> statement-breakpoint
ALTER TABLE "training_completions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"tenant_id" text NOT NULL,
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"enrolled_by" text NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"attended" boolean,
	"attendance_recorded_at" timestamp with time zone,
	CONSTRAINT "training_enrolments_pk" PRIMARY KEY("tenant_id","session_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "training_enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_materials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_materials_tenant_programme_title" UNIQUE("tenant_id","programme_id","title")
);
--> statement-breakpoint
ALTER TABLE "training_materials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_obligations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"member_id" uuid NOT NULL,
	"committee_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"term_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"election_date" date NOT NULL,
	"due_on" date NOT NULL,
	"state" text NOT NULL,
	"completed_on" date,
	"completion_id" uuid,
	"closed_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_obligations_tenant_member_term" UNIQUE("tenant_id","member_id","term_id")
);
--> statement-breakpoint
ALTER TABLE "training_obligations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"programme_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"title" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_plans_tenant_unit_title" UNIQUE("tenant_id","unit_code","title")
);
--> statement-breakpoint
ALTER TABLE "training_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"year" smallint NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_programmes_tenant_year_title" UNIQUE("tenant_id","year","title")
);
--> statement-breakpoint
ALTER TABLE "training_programmes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_reminders" (
	"tenant_id" text NOT NULL,
	"obligation_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"as_of_day" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_reminders_pk" PRIMARY KEY("tenant_id","obligation_id","stage")
);
--> statement-breakpoint
ALTER TABLE "training_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"session_date" date NOT NULL,
	"start_time" text,
	"place" text NOT NULL,
	"capacity" integer NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"trainer" text NOT NULL,
	"audience" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_sessions_capacity" CHECK ("training_sessions"."capacity" > 0 and "training_sessions"."enrolled" >= 0 and "training_sessions"."enrolled" <= "training_sessions"."capacity")
);
--> statement-breakpoint
ALTER TABLE "training_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "training_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "training_completions" ADD CONSTRAINT "training_completions_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_materials" ADD CONSTRAINT "training_materials_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_obligations" ADD CONSTRAINT "training_obligations_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_programmes" ADD CONSTRAINT "training_programmes_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_reminders" ADD CONSTRAINT "training_reminders_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_settings" ADD CONSTRAINT "training_settings_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_completions_tenant_member" ON "training_completions" USING btree ("tenant_id","member_id","completed_on");--> statement-breakpoint
CREATE INDEX "training_enrolments_tenant_member" ON "training_enrolments" USING btree ("tenant_id","member_id");--> statement-breakpoint
CREATE INDEX "training_obligations_tenant_open_due" ON "training_obligations" USING btree ("tenant_id","due_on") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "training_obligations_tenant_community" ON "training_obligations" USING btree ("tenant_id","community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "training_plans_tenant_unit" ON "training_plans" USING btree ("tenant_id","unit_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "training_sessions_tenant_date" ON "training_sessions" USING btree ("tenant_id","session_date");--> statement-breakpoint
CREATE INDEX "training_sessions_tenant_unit" ON "training_sessions" USING btree ("tenant_id","unit_code" text_pattern_ops,"session_date");--> statement-breakpoint
CREATE POLICY "training_completions_tenant_isolation" ON "training_completions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_enrolments_tenant_isolation" ON "training_enrolments" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_materials_tenant_isolation" ON "training_materials" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_obligations_tenant_isolation" ON "training_obligations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_plans_tenant_isolation" ON "training_plans" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_programmes_tenant_isolation" ON "training_programmes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_reminders_tenant_isolation" ON "training_reminders" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_sessions_tenant_isolation" ON "training_sessions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "training_settings_tenant_isolation" ON "training_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));