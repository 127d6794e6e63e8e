import path from "node:path";

export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string };

/** The variables read here; a plain record so tests can pass their own. */
export type Env = Record<string, string | undefined>;

export const DEFAULT_DATA_DIR = ".trajstudio";

/**
 * Where the data lives. An explicit `--data` wins; else `DATABASE_URL` selects a PostgreSQL
 * server; else the embedded database in `TRAJSTUDIO_DATA` or `./.trajstudio`.
 */
export function resolveDatabaseConfig(
  options: { data?: string } = {},
  env: Env = process.env,
): DatabaseConfig {
  if (options.data) return { kind: "pglite", dataDir: path.resolve(options.data) };
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: path.resolve(env.TRAJSTUDIO_DATA || DEFAULT_DATA_DIR) };
}

/** The package root, where `db/migrations` lives; the CLI sets it so `npx` works from any cwd. */
export function packageRoot(env: Env = process.env): string {
  return env.TRAJSTUDIO_ROOT || process.cwd();
}

export function migrationsFolder(env: Env = process.env): string {
  return path.join(packageRoot(env), "db", "migrations");
}

/** A URL safe to print: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}
