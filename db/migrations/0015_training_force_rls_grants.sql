ALTER TABLE "training_programmes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_materials" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_plans" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_sessions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_enrolments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_completions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_obligations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_reminders" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "training_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "training_programmes" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "training_materials" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "training_plans" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "training_sessions" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "training_enrolments" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "training_completions" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "training_obligations" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "training_reminders" TO shequ_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "training_settings" TO shequ_app;
