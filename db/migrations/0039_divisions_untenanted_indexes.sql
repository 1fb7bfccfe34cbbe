CREATE INDEX "divisions_code_prefix" ON "divisions" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "divisions_parent" ON "divisions" USING btree ("parent_code","code");