import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const repositoryRoot = path.resolve(__dirname, '../../../..');

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .pipe(z.url().optional())
  .optional();

/**
 * Every setting the engine reads, validated once at start-up. Defaults are the embedded mode of
 * `npm start`: embedded PostgreSQL when DATABASE_URL is unset, the in-process queue when REDIS_URL
 * is unset. Secrets are listed in SENSITIVE_SETTINGS and never logged.
 */
export const EngineConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  /** on: REDIS_URL is a seed node of a Redis Cluster (the queue keys then share one hash slot). */
  KIZUNA_REDIS_CLUSTER: z.enum(['on', 'off']).default('off'),
  /** Prefix of every queue key in Redis; two installations on one Redis need different ones. */
  KIZUNA_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w{}:-]{1,40}$/, 'letters, digits, _ - : { } only')
    .default('kizuna'),
  KIZUNA_DATA_DIR: z.string().default(path.join(repositoryRoot, '.data')),
  /** all: API + workers; api: HTTP only; worker: queue processors only; cli: neither (commands). */
  KIZUNA_ROLE: z.enum(['all', 'api', 'worker', 'cli']).default('all'),
  /** auto: seed the demo workspace when the database has no workspace yet. */
  KIZUNA_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  KIZUNA_DEMO_CUSTOMERS: z.coerce.number().int().min(100).max(5_000_000).default(20_000),
  KIZUNA_DEFAULT_TIMEZONE: z.string().default('Asia/Tokyo'),
  KIZUNA_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(50_000).default(2_048),
  KIZUNA_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** on: worker processes run schedules (segment refreshes, nightly analytics); off: only on request. */
  KIZUNA_PERIODIC_TASKS: z.enum(['on', 'off']).default('on'),
  /** How often the journey ticker claims due enrolments, and how many it hands to one step job. */
  KIZUNA_JOURNEY_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  KIZUNA_JOURNEY_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Claimed enrolments a killed worker left behind are claimed again after this long. */
  KIZUNA_JOURNEY_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  /**
   * 32 bytes, base64: encrypts provider secrets at rest and signs tracking and unsubscribe links.
   * Unset: a key is generated once into KIZUNA_DATA_DIR/secret.key (fine for one machine; set it
   * in production so every process and every restore shares it).
   */
  KIZUNA_SECRET_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32,
      'must be 32 bytes in base64 (openssl rand -base64 32)',
    )
    .optional(),
  /** auto: on a database without any account, create an admin and print its password once. */
  KIZUNA_FIRST_ADMIN: z.enum(['auto', 'off']).default('auto'),
  KIZUNA_ADMIN_EMAIL: z.string().default('admin@kizuna.local'),
  /** The first admin's password; unset: a random one, printed once at the first start. */
  KIZUNA_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(200).optional(),
  /**
   * Behind a load balancer or TLS proxy: which proxies to believe about the client's address and
   * https (Express "trust proxy": a hop count, or addresses/CIDRs, comma-separated). Unset: none, so
   * rate limits count per proxy and the session cookie is Secure only with an https KIZUNA_PUBLIC_URL.
   */
  KIZUNA_TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? (/^\d+$/.test(value) ? Number(value) : value) : undefined)),
  /** Editor sign-in attempts per client address per minute before 429 (0: no limit). */
  KIZUNA_RATE_LIMIT_SIGN_IN: z.coerce.number().int().min(0).default(10),
  /** Set: /api/metrics answers only `Authorization: Bearer <token>`; unset: it is public (docs/operations.md). */
  KIZUNA_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (openssl rand -hex 24)').optional(),
  /** The address customers reach the engine at: tracking links, unsubscribe pages, webhook signatures. */
  KIZUNA_PUBLIC_URL: z.url().optional(),
  /**
   * Requests per second accepted on the public doors before 429 (0: no limit): provider webhooks
   * and tracking links per client address, the events API per workspace. Webhooks and tracking
   * default high: a provider or a mail client's image proxy (Gmail) sends from few addresses, a
   * refused status callback is not always retried, and a refused click is a broken link.
   */
  KIZUNA_RATE_LIMIT_WEBHOOKS: z.coerce.number().int().min(0).default(1000),
  KIZUNA_RATE_LIMIT_TRACKING: z.coerce.number().int().min(0).default(1000),
  KIZUNA_RATE_LIMIT_EVENTS: z.coerce.number().int().min(0).default(100),
  /**
   * Other origins whose pages may call the API from a browser, comma-separated. Unset: none (the
   * editor is served by the engine itself, on the same origin).
   */
  KIZUNA_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /** The built editor served at `/` (default apps/editor/dist); the browser tests serve a build of their own. */
  KIZUNA_EDITOR_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type EngineConfig = z.infer<typeof EngineConfigSchema> & {
  /** The release, from package.json. */
  version: string;
  repositoryRoot: string;
  editorDistDir: string;
  uploadDir: string;
};

export const SENSITIVE_SETTINGS = [
  'DATABASE_URL',
  'REDIS_URL',
  'KIZUNA_SECRET_KEY',
  'KIZUNA_METRICS_TOKEN',
  'KIZUNA_ADMIN_PASSWORD',
] as const;

export class ConfigError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const parsed = EngineConfigSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues);
  const { version } = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    ...parsed.data,
    version,
    repositoryRoot,
    editorDistDir: parsed.data.KIZUNA_EDITOR_DIR ?? path.join(repositoryRoot, 'apps/editor/dist'),
    uploadDir: path.join(parsed.data.KIZUNA_DATA_DIR, 'uploads'),
  };
}

/** The configuration with secrets masked, for the start-up log. */
export function describeConfig(config: EngineConfig): Record<string, unknown> {
  const described: Record<string, unknown> = { ...config };
  for (const key of SENSITIVE_SETTINGS) if (described[key]) described[key] = '<set>';
  return described;
}

export const ENGINE_CONFIG = Symbol('ENGINE_CONFIG');

/** Whether this process runs queue workers and background sweeps. */
export function runsWorkers(config: EngineConfig): boolean {
  return config.KIZUNA_ROLE === 'all' || config.KIZUNA_ROLE === 'worker';
}
