CREATE TABLE "inspection_checklists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"items" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_checklists_version" UNIQUE("version")
);
--> statement-breakpoint
ALTER TABLE "inspection_checklists" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inspection_submission_units" (
	"tenant_id" text NOT NULL,
	"submission_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"kind" text,
	CONSTRAINT "inspection_submission_units_pk" PRIMARY KEY("tenant_id","submission_id","code")
);
--> statement-breakpoint
ALTER TABLE "inspection_submission_units" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "inspection_submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"inspection_id" uuid NOT NULL,
	"checklist_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"unit_level" text NOT NULL,
	"results" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_submissions_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "inspection_submissions_tenant_inspection" UNIQUE("tenant_id","inspection_id")
);
--> statement-breakpoint
ALTER TABLE "inspection_submissions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reform_demonstrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"level" text NOT NULL,
	"unit_code" text NOT NULL,
	"designated_on" date NOT NULL,
	"designated_by" text NOT NULL,
	"document_number" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reform_demonstrations_tenant_level_unit_day" UNIQUE("tenant_id","level","unit_code","designated_on")
);
--> statement-breakpoint
ALTER TABLE "reform_demonstrations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reform_pilots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"unit_code" text NOT NULL,
	"designated_on" date NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reform_pilots_tenant_unit" UNIQUE("tenant_id","unit_code")
);
--> statement-breakpoint
ALTER TABLE "reform_pilots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "self_inspection_items" (
	"tenant_id" text NOT NULL,
	"inspection_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"result" text,
	"note" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone,
	CONSTRAINT "self_inspection_items_pk" PRIMARY KEY("tenant_id","inspection_id","item_code")
);
--> statement-breakpoint
ALTER TABLE "self_inspection_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "self_inspections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"unit_code" text NOT NULL,
	"checklist_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "self_inspections_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "self_inspections_tenant_unit_checklist" UNIQUE("tenant_id","unit_code","checklist_id")
);
--> statement-breakpoint
ALTER TABLE "self_inspections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "spot_check_units" (
	"spot_check_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"tenant" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"finding" text,
	"finding_notes" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone,
	CONSTRAINT "spot_check_units_pk" PRIMARY KEY("spot_check_id","code")
);
--> statement-breakpoint
ALTER TABLE "spot_check_units" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"checklist_id" uuid NOT NULL,
	"seed" bigint NOT NULL,
	"algorithm" text NOT NULL,
	"sizes" jsonb NOT NULL,
	"cities" text[] NOT NULL,
	"frame" jsonb NOT NULL,
	"frame_sha256" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spot_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"unit_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"area_m2" numeric(12, 2),
	"address" text,
	"opening_hours" text,
	"contact" text,
	"opened_by_member_unit_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "facilities_area_positive" CHECK (area_m2 is null or area_m2 > 0)
);
--> statement-breakpoint
ALTER TABLE "facilities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"unit_code" text NOT NULL,
	"name" text NOT NULL,
	"services" text[] NOT NULL,
	"targets" text[] NOT NULL,
	"funding" text NOT NULL,
	"profit_status" text NOT NULL,
	"non_state_assets_yuan" bigint NOT NULL,
	"total_assets_yuan" bigint NOT NULL,
	"registration_authority" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_units_tenant_unit_name" UNIQUE("tenant_id","unit_code","name"),
	CONSTRAINT "service_units_assets" CHECK (non_state_assets_yuan >= 0 and non_state_assets_yuan <= total_assets_yuan)
);
--> statement-breakpoint
ALTER TABLE "service_units" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer NOT NULL,
	"community_code" text NOT NULL,
	"service" text NOT NULL,
	"service_date" date NOT NULL,
	"corrects_entry_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "time_bank_entries_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "time_bank_entries_sign" CHECK ((kind = 'deposit' and minutes > 0 and corrects_entry_id is null) or (kind = 'draw' and minutes < 0 and corrects_entry_id is null) or (kind = 'correction' and minutes <> 0 and corrects_entry_id is not null))
);
--> statement-breakpoint
ALTER TABLE "time_bank_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_balances" (
	"tenant_id" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"balance_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "volunteer_balances_pk" PRIMARY KEY("tenant_id","volunteer_id"),
	CONSTRAINT "volunteer_balances_non_negative" CHECK (balance_minutes >= 0)
);
--> statement-breakpoint
ALTER TABLE "volunteer_balances" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"unit_code" text NOT NULL,
	"name" text NOT NULL,
	"founded_on" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "volunteer_organisations_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "volunteer_organisations_tenant_unit_name" UNIQUE("tenant_id","unit_code","name")
);
--> statement-breakpoint
ALTER TABLE "volunteer_organisations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"card_number" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"community_code" text NOT NULL,
	"organisation_id" uuid,
	"registered_on" date NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "volunteers_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "volunteers_tenant_card" UNIQUE("tenant_id","card_number")
);
--> statement-breakpoint
ALTER TABLE "volunteers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "inspection_submission_units" ADD CONSTRAINT "inspection_submission_units_submission_fk" FOREIGN KEY ("tenant_id","submission_id") REFERENCES "public"."inspection_submissions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_submissions" ADD CONSTRAINT "inspection_submissions_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_submissions" ADD CONSTRAINT "inspection_submissions_checklist_id_inspection_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."inspection_checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_submissions" ADD CONSTRAINT "inspection_submissions_inspection_fk" FOREIGN KEY ("tenant_id","inspection_id") REFERENCES "public"."self_inspections"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reform_demonstrations" ADD CONSTRAINT "reform_demonstrations_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reform_pilots" ADD CONSTRAINT "reform_pilots_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspection_items" ADD CONSTRAINT "self_inspection_items_inspection_fk" FOREIGN KEY ("tenant_id","inspection_id") REFERENCES "public"."self_inspections"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD CONSTRAINT "self_inspections_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD CONSTRAINT "self_inspections_checklist_id_inspection_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."inspection_checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_units" ADD CONSTRAINT "spot_check_units_spot_check_id_spot_checks_id_fk" FOREIGN KEY ("spot_check_id") REFERENCES "public"."spot_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_checklist_id_inspection_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."inspection_checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_member_unit_fk" FOREIGN KEY ("tenant_id","opened_by_member_unit_id") REFERENCES "public"."member_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_units" ADD CONSTRAINT "service_units_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD CONSTRAINT "time_bank_entries_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD CONSTRAINT "time_bank_entries_volunteer_fk" FOREIGN KEY ("tenant_id","volunteer_id") REFERENCES "public"."volunteers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_entries" ADD CONSTRAINT "time_bank_entries_corrects_fk" FOREIGN KEY ("tenant_id","corrects_entry_id") REFERENCES "public"."time_bank_entries"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_balances" ADD CONSTRAINT "volunteer_balances_volunteer_fk" FOREIGN KEY ("tenant_id","volunteer_id") REFERENCES "public"."volunteers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_organisations" ADD CONSTRAINT "volunteer_organisations_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."volunteer_organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_submission_units_tenant_level" ON "inspection_submission_units" USING btree ("tenant_id","level","code");--> statement-breakpoint
CREATE INDEX "inspection_submissions_tenant_checklist" ON "inspection_submissions" USING btree ("tenant_id","checklist_id","unit_code");--> statement-breakpoint
CREATE INDEX "reform_demonstrations_tenant_unit" ON "reform_demonstrations" USING btree ("tenant_id","unit_code");--> statement-breakpoint
CREATE INDEX "facilities_tenant_unit" ON "facilities" USING btree ("tenant_id","unit_code" text_pattern_ops,"kind");--> statement-breakpoint
CREATE INDEX "facilities_tenant_member_unit" ON "facilities" USING btree ("tenant_id","opened_by_member_unit_id");--> statement-breakpoint
CREATE INDEX "time_bank_entries_tenant_volunteer" ON "time_bank_entries" USING btree ("tenant_id","volunteer_id","recorded_at");--> statement-breakpoint
CREATE INDEX "time_bank_entries_tenant_community" ON "time_bank_entries" USING btree ("tenant_id","community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "volunteers_tenant_community" ON "volunteers" USING btree ("tenant_id","community_code" text_pattern_ops);--> statement-breakpoint
CREATE POLICY "inspection_checklists_read" ON "inspection_checklists" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
CREATE POLICY "inspection_checklists_province_only" ON "inspection_checklists" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "inspection_submission_units_tenant_isolation" ON "inspection_submission_units" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "inspection_submission_units_province_read" ON "inspection_submission_units" AS PERMISSIVE FOR SELECT TO public USING ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "inspection_submissions_tenant_isolation" ON "inspection_submissions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "inspection_submissions_province_read" ON "inspection_submissions" AS PERMISSIVE FOR SELECT TO public USING ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "reform_demonstrations_tenant_isolation" ON "reform_demonstrations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "reform_pilots_tenant_isolation" ON "reform_pilots" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "self_inspection_items_tenant_isolation" ON "self_inspection_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "self_inspections_tenant_isolation" ON "self_inspections" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "spot_check_units_province_only" ON "spot_check_units" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "spot_checks_province_only" ON "spot_checks" AS PERMISSIVE FOR ALL TO public USING ((select current_setting('app.scope', true)) = 'province') WITH CHECK ((select current_setting('app.scope', true)) = 'province');--> statement-breakpoint
CREATE POLICY "facilities_tenant_isolation" ON "facilities" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "service_units_tenant_isolation" ON "service_units" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "time_bank_entries_tenant_isolation" ON "time_bank_entries" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "volunteer_balances_tenant_isolation" ON "volunteer_balances" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "volunteer_organisations_tenant_isolation" ON "volunteer_organisations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "volunteers_tenant_isolation" ON "volunteers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));