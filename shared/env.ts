import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_DRIVER: z.enum(['pg', 'neon']).default('pg'),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PROVINCE_CODE: z.string().regex(/^[1-9]\d$/, 'a province code is 2 digits').default('44'),
  PROVINCE_NAME: z.string().min(2).default('广东省'),
  JWT_ISSUER: z.string().default('shequ-local'),
  JWT_AUDIENCE: z.string().optional(),
  JWKS_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Env = z.infer<typeof envSchema>;

/** The environment, parsed once at start-up; a bad value stops the process with the variable named. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
