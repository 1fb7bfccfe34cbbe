ALTER TABLE "community_profiles" ADD COLUMN "service_hotline" text;--> statement-breakpoint
ALTER TABLE "community_profiles" ADD COLUMN "publishable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conference_resolutions" ADD COLUMN "public" boolean DEFAULT false NOT NULL;