import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { tasks } from "@/db/schema";
import { openTestDatabase, uniqueName } from "../testing/test-database";
import { getTask, listTasks } from "./list-tasks";
import { upsertTask } from "./upsert-task";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("tasks", () => {
  it("stores a task definition and reads it back", async () => {
    const name = uniqueName("fix-permissions");
    await upsertTask(database.db, {
      name,
      instruction: "Make script.sh executable and run it.",
      category: "system-administration",
      difficulty: "easy",
      tags: ["permissions", "bash"],
      environment: { dockerfile: "FROM debian:bookworm-slim", cpus: 1, memoryMb: 2048, allowInternet: false },
      checksum: "abc",
      hasTests: true,
      hasSolution: true,
    });
    const task = await getTask(database.db, name);
    expect(task).toMatchObject({
      name,
      category: "system-administration",
      tags: ["permissions", "bash"],
      environment: { cpus: 1, memoryMb: 2048, allowInternet: false },
      hasTests: true,
      validation: "unvalidated",
    });
    expect((await listTasks(database.db)).map((t) => t.name)).toContain(name);
  });

  it("keeps a validation while the definition is unchanged and drops it when the checksum changes", async () => {
    const name = uniqueName("broken-build");
    await upsertTask(database.db, { name, checksum: "v1" });
    await database.db.update(tasks).set({ validation: "valid", oraclePassed: true, nopFailed: true }).where(eq(tasks.name, name));

    await upsertTask(database.db, { name, checksum: "v1", difficulty: "medium" });
    expect(await getTask(database.db, name)).toMatchObject({ validation: "valid", oraclePassed: true, difficulty: "medium" });

    await upsertTask(database.db, { name, checksum: "v2" });
    expect(await getTask(database.db, name)).toMatchObject({ validation: "unvalidated", oraclePassed: null, nopFailed: null });
  });
});
