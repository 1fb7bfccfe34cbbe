ALTER TABLE "member_units" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "conference_series" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "conference_occurrences" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "conference_invitations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "conference_reply_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "conference_resolutions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "conference_reminders" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "conference_calendar_feeds" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "member_units" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "conference_series" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "conference_occurrences" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "conference_invitations" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "conference_reply_tokens" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "conference_resolutions" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "conference_reminders" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "conference_calendar_feeds" TO shequ_app;
