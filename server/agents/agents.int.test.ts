import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { NotFoundError } from "../errors";
import { openTestDatabase, fakeSourceHash, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { getAgent, listAgents } from "./list-agents";
import { upsertAgent } from "./upsert-agent";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("agents", () => {
  it("creates an agent, then fills in fields a later source knows without erasing known ones", async () => {
    const name = uniqueName("terminus-2");
    const created = await upsertAgent(database.db, { name, model: "deepseek-v3.2" });
    const merged = await upsertAgent(database.db, { name, harness: "harbor", model: null });
    expect(merged.id).toBe(created.id);
    expect(merged).toMatchObject({ name, model: "deepseek-v3.2", harness: "harbor" });
    expect(await getAgent(database.db, name)).toMatchObject({ name, model: "deepseek-v3.2", harness: "harbor", provider: null });
  });

  it("rejects a blank name", async () => {
    await expect(upsertAgent(database.db, { name: "   " })).rejects.toThrow();
  });

  it("lists agents with their trajectory counts", async () => {
    const busy = uniqueName("busy");
    const idle = uniqueName("idle");
    await upsertAgent(database.db, { name: idle });
    for (let i = 0; i < 3; i++) {
      await createTrajectory(database.db, { agent: { name: busy }, sourceFormat: "atif", sourceHash: fakeSourceHash(), steps: [] });
    }
    const rows = await listAgents(database.db);
    expect(rows.find((r) => r.name === busy)?.trajectories).toBe(3);
    expect(rows.find((r) => r.name === idle)?.trajectories).toBe(0);
  });

  it("says which agent it could not find", async () => {
    await expect(getAgent(database.db, "no-such-agent")).rejects.toThrow(new NotFoundError("agent", "no-such-agent"));
  });
});
