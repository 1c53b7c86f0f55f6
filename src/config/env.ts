import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  /** PostgreSQL when set; the embedded PGlite database in DATA_DIR otherwise. */
  DATABASE_URL: z.string().url().optional(),
  /** Public address, used in e-mailed links. */
  BASE_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port — when unset, e-mails are written to DATA_DIR/outbox. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("LetsCoop <no-reply@letscoop.localhost>"),
  /** Secret for CSRF tokens of visitors without a session; generated into DATA_DIR when unset. */
  SECRET: z.string().min(32).optional(),
  /** Password sign-in attempts allowed per account, and per client address, in 15 minutes. */
  SIGN_IN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(100_000).default(10),
  SIGN_IN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Fill an empty database with the demo organisations and accounts. */
  DEMO_SEED: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string; baseUrl: string };

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  return {
    ...env,
    dataDir: path.resolve(env.DATA_DIR),
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}
