import { bigint, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A teacher: the agent (harness + model) whose trajectories we judge. */
export const agents = pgTable("agents", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique(),
  model: text(),
  version: text(),
  harness: text(),
  provider: text(),
  /** Rollout settings for agents we run ourselves (endpoint, limits, the *name* of the key's env var). */
  config: jsonb().$type<Record<string, unknown>>(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
