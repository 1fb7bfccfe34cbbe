CREATE TABLE "committee_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"committee_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_year" smallint NOT NULL,
	"phone_sealed" text,
	"id_number_sealed" text,
	"position" text NOT NULL,
	"party_member" boolean DEFAULT false NOT NULL,
	"keeps_job" boolean DEFAULT true NOT NULL,
	"allowance_yuan_per_month" integer,
	"candidate_id" uuid,
	"joined_on" date NOT NULL,
	"left_on" date,
	"departure_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "committee_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "committee_systems" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"committee_id" uuid NOT NULL,
	"system" text NOT NULL,
	"adopted_on" date NOT NULL,
	"document_ref" text NOT NULL,
	"recorded_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "committee_systems_tenant_committee_system" UNIQUE("tenant_id","committee_id","system")
);
--> statement-breakpoint
ALTER TABLE "committee_systems" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "committee_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"committee_id" uuid NOT NULL,
	"term_number" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"seats" jsonb NOT NULL,
	"election_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "committee_terms_tenant_committee_number" UNIQUE("tenant_id","committee_id","term_number")
);
--> statement-breakpoint
ALTER TABLE "committee_terms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "committees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"community_code" text NOT NULL,
	"name" text NOT NULL,
	"proposed_size" smallint,
	"size_representatives" integer,
	"size_consenting" integer,
	"size_agreed_on" date,
	"current_term_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "committees_tenant_community" UNIQUE("tenant_id","community_code")
);
--> statement-breakpoint
ALTER TABLE "committees" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "social_workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"committee_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone_sealed" text,
	"role" text NOT NULL,
	"hired_on" date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "social_workers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tenant_data_keys" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"master_key_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_data_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "working_committees" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"committee_id" uuid NOT NULL,
	"name" text NOT NULL,
	"established_on" date NOT NULL,
	"dissolved_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "working_committees_tenant_committee_name" UNIQUE("tenant_id","committee_id","name")
);
--> statement-breakpoint
ALTER TABLE "working_committees" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "election_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"election_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_year" smallint NOT NULL,
	"position" text NOT NULL,
	"phone_sealed" text,
	"id_number_sealed" text,
	"party_member" boolean DEFAULT false NOT NULL,
	"keeps_job" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "election_candidates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "election_certifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"election_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"version" integer NOT NULL,
	"reason" text,
	"result_ids" uuid[] NOT NULL,
	"previous_hash" text NOT NULL,
	"content_hash" text NOT NULL,
	"term_id" uuid,
	"certified_by" text NOT NULL,
	"certified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_certifications_tenant_seq" UNIQUE("tenant_id","seq"),
	CONSTRAINT "election_certifications_tenant_election_version" UNIQUE("tenant_id","election_id","version")
);
--> statement-breakpoint
ALTER TABLE "election_certifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "election_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"election_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"registered_voters" integer NOT NULL,
	"ballots_issued" integer NOT NULL,
	"ballots_returned" integer NOT NULL,
	"valid_ballots" integer NOT NULL,
	"invalid_ballots" integer NOT NULL,
	"votes" jsonb NOT NULL,
	"tally" jsonb NOT NULL,
	"reason" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_results_tenant_round_version" UNIQUE("tenant_id","round_id","version")
);
--> statement-breakpoint
ALTER TABLE "election_results" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "election_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"election_id" uuid NOT NULL,
	"round_number" smallint NOT NULL,
	"seats" jsonb NOT NULL,
	"held_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_rounds_tenant_election_round" UNIQUE("tenant_id","election_id","round_number")
);
--> statement-breakpoint
ALTER TABLE "election_rounds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "elections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"committee_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"election_date" date NOT NULL,
	"mode" text NOT NULL,
	"seats" jsonb NOT NULL,
	"registered_voters" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "elections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_systems" ADD CONSTRAINT "committee_systems_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_terms" ADD CONSTRAINT "committee_terms_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "social_workers" ADD CONSTRAINT "social_workers_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_data_keys" ADD CONSTRAINT "tenant_data_keys_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_committees" ADD CONSTRAINT "working_committees_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_certifications" ADD CONSTRAINT "election_certifications_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_results" ADD CONSTRAINT "election_results_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_rounds" ADD CONSTRAINT "election_rounds_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "committee_members_tenant_committee" ON "committee_members" USING btree ("tenant_id","committee_id","term_id");--> statement-breakpoint
CREATE INDEX "committee_terms_tenant_ends" ON "committee_terms" USING btree ("tenant_id","ends_on");--> statement-breakpoint
CREATE INDEX "committees_tenant_code_prefix" ON "committees" USING btree ("tenant_id","community_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "social_workers_tenant_committee" ON "social_workers" USING btree ("tenant_id","committee_id");--> statement-breakpoint
CREATE INDEX "election_candidates_tenant_round" ON "election_candidates" USING btree ("tenant_id","election_id","round_id");--> statement-breakpoint
CREATE INDEX "election_results_tenant_election" ON "election_results" USING btree ("tenant_id","election_id");--> statement-breakpoint
CREATE INDEX "elections_tenant_community" ON "elections" USING btree ("tenant_id","community_code","election_date");--> statement-breakpoint
CREATE POLICY "committee_members_tenant_isolation" ON "committee_members" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "committee_systems_tenant_isolation" ON "committee_systems" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "committee_terms_tenant_isolation" ON "committee_terms" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "committees_tenant_isolation" ON "committees" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "social_workers_tenant_isolation" ON "social_workers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "tenant_data_keys_tenant_isolation" ON "tenant_data_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "working_committees_tenant_isolation" ON "working_committees" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "election_candidates_tenant_isolation" ON "election_candidates" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "election_certifications_tenant_isolation" ON "election_certifications" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "election_results_tenant_isolation" ON "election_results" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "election_rounds_tenant_isolation" ON "election_rounds" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "elections_tenant_isolation" ON "elections" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));