import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { agents } from "@/db/schema";

export const AgentInput = z.object({
  name: z.string().trim().min(1).max(200),
  model: z.string().max(200).nullish(),
  version: z.string().max(100).nullish(),
  harness: z.string().max(100).nullish(),
  provider: z.string().max(100).nullish(),
  config: z.record(z.string(), z.unknown()).nullish(),
});
export type AgentInput = z.input<typeof AgentInput>;

/** On conflict: a field the new source gives wins, a field it lacks keeps what was known. */
export const agentMergeSet = {
  model: sql`coalesce(excluded.model, ${agents.model})`,
  version: sql`coalesce(excluded.version, ${agents.version})`,
  harness: sql`coalesce(excluded.harness, ${agents.harness})`,
  provider: sql`coalesce(excluded.provider, ${agents.provider})`,
};

/**
 * The agent named `input.name`, created if new. Fields already known are kept unless the input
 * gives a value: importers learn an agent's model from one file and not from the next.
 */
export async function upsertAgent(db: Db, input: AgentInput) {
  const values = AgentInput.parse(input);
  const [row] = await db
    .insert(agents)
    .values(values)
    .onConflictDoUpdate({
      target: agents.name,
      set: { ...agentMergeSet, config: sql`coalesce(excluded.config, ${agents.config})` },
    })
    .returning();
  return row!;
}
