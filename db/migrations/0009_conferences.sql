CREATE TABLE "conference_calendar_feeds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"scope" text NOT NULL,
	"subject" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "conference_calendar_feeds_tenant_token" UNIQUE("tenant_id","token_hash")
);
--> statement-breakpoint
ALTER TABLE "conference_calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"member_unit_id" uuid NOT NULL,
	"reply" text NOT NULL,
	"delegate_name" text,
	"reply_comment" text,
	"replied_at" timestamp with time zone,
	"attended" boolean,
	"notice_sequence" integer,
	"noticed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conference_invitations_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "conference_invitations_tenant_occurrence_unit" UNIQUE("tenant_id","occurrence_id","member_unit_id")
);
--> statement-breakpoint
ALTER TABLE "conference_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_occurrences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"series_id" uuid NOT NULL,
	"original_start" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text NOT NULL,
	"status" text NOT NULL,
	"detached" boolean DEFAULT false NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"change_reason" text,
	"minutes" text,
	"carried_resolutions" uuid[],
	"held_recorded_by" text,
	"held_recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conference_occurrences_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "conference_occurrences_tenant_series_original" UNIQUE("tenant_id","series_id","original_start")
);
--> statement-breakpoint
ALTER TABLE "conference_occurrences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_reminders" (
	"tenant_id" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conference_reminders_pk" PRIMARY KEY("tenant_id","subject_id","stage")
);
--> statement-breakpoint
ALTER TABLE "conference_reminders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_reply_tokens" (
	"tenant_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"invitation_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conference_reply_tokens_pk" PRIMARY KEY("tenant_id","token_hash")
);
--> statement-breakpoint
ALTER TABLE "conference_reply_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_resolutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"series_id" uuid NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_member_unit_id" uuid,
	"owner_unit" text,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"closing_note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conference_resolutions_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "conference_resolutions_one_owner" CHECK (("conference_resolutions"."owner_member_unit_id" is null) <> ("conference_resolutions"."owner_unit" is null))
);
--> statement-breakpoint
ALTER TABLE "conference_resolutions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "conference_series" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"convener_unit" text NOT NULL,
	"title" text NOT NULL,
	"rrule" text NOT NULL,
	"first_start_local" text NOT NULL,
	"time_zone" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"venue" text NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"quorum_percent" integer NOT NULL,
	"default_invitees" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text NOT NULL,
	"revision" integer NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"materialised_revision" integer,
	"materialised_until" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conference_series_tenant_id" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "conference_series" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "member_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"street_code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"contact_person" text,
	"phone_sealed" text,
	"phone_masked" text,
	"email" text,
	"shared_resources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_units_tenant_id" UNIQUE("tenant_id","id"),
	CONSTRAINT "member_units_tenant_street_name" UNIQUE("tenant_id","street_code","name")
);
--> statement-breakpoint
ALTER TABLE "member_units" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "conference_calendar_feeds" ADD CONSTRAINT "conference_calendar_feeds_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_invitations" ADD CONSTRAINT "conference_invitations_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_invitations" ADD CONSTRAINT "conference_invitations_occurrence" FOREIGN KEY ("tenant_id","occurrence_id") REFERENCES "public"."conference_occurrences"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_invitations" ADD CONSTRAINT "conference_invitations_member_unit" FOREIGN KEY ("tenant_id","member_unit_id") REFERENCES "public"."member_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_occurrences" ADD CONSTRAINT "conference_occurrences_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_occurrences" ADD CONSTRAINT "conference_occurrences_series" FOREIGN KEY ("tenant_id","series_id") REFERENCES "public"."conference_series"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_reminders" ADD CONSTRAINT "conference_reminders_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_reply_tokens" ADD CONSTRAINT "conference_reply_tokens_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_reply_tokens" ADD CONSTRAINT "conference_reply_tokens_invitation" FOREIGN KEY ("tenant_id","invitation_id") REFERENCES "public"."conference_invitations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_resolutions" ADD CONSTRAINT "conference_resolutions_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_resolutions" ADD CONSTRAINT "conference_resolutions_occurrence" FOREIGN KEY ("tenant_id","occurrence_id") REFERENCES "public"."conference_occurrences"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_series" ADD CONSTRAINT "conference_series_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_units" ADD CONSTRAINT "member_units_tenant_id_tenants_code_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conference_calendar_feeds_tenant_subject" ON "conference_calendar_feeds" USING btree ("tenant_id","scope","subject");--> statement-breakpoint
CREATE INDEX "conference_invitations_tenant_unit" ON "conference_invitations" USING btree ("tenant_id","member_unit_id");--> statement-breakpoint
CREATE INDEX "conference_occurrences_tenant_starts" ON "conference_occurrences" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "conference_occurrences_tenant_venue_starts" ON "conference_occurrences" USING btree ("tenant_id","venue","starts_at");--> statement-breakpoint
CREATE INDEX "conference_reply_tokens_tenant_invitation" ON "conference_reply_tokens" USING btree ("tenant_id","invitation_id");--> statement-breakpoint
CREATE INDEX "conference_resolutions_tenant_series" ON "conference_resolutions" USING btree ("tenant_id","series_id","status");--> statement-breakpoint
CREATE INDEX "conference_resolutions_tenant_due" ON "conference_resolutions" USING btree ("tenant_id","status","due_date");--> statement-breakpoint
CREATE INDEX "conference_series_tenant_convener" ON "conference_series" USING btree ("tenant_id","convener_unit","status");--> statement-breakpoint
CREATE INDEX "conference_series_tenant_venue" ON "conference_series" USING btree ("tenant_id","venue");--> statement-breakpoint
CREATE POLICY "conference_calendar_feeds_tenant_isolation" ON "conference_calendar_feeds" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "conference_invitations_tenant_isolation" ON "conference_invitations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "conference_occurrences_tenant_isolation" ON "conference_occurrences" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "conference_reminders_tenant_isolation" ON "conference_reminders" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "conference_reply_tokens_tenant_isolation" ON "conference_reply_tokens" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "conference_resolutions_tenant_isolation" ON "conference_resolutions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "conference_series_tenant_isolation" ON "conference_series" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));--> statement-breakpoint
CREATE POLICY "member_units_tenant_isolation" ON "member_units" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))) WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')));