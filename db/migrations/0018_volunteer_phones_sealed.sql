ALTER TABLE "volunteers" ADD COLUMN "phone_sealed" text;--> statement-breakpoint
ALTER TABLE "volunteers" ADD COLUMN "phone_masked" text;--> statement-breakpoint
-- Phones registered before sealing keep only their mask: a plaintext number must not stay in the table.
UPDATE "volunteers" SET "phone_masked" = left("phone", 3) || '****' || right("phone", 4) WHERE "phone" IS NOT NULL;