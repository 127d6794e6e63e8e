import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { type TrajectoryFilter, listTrajectories } from "../trajectories/list-trajectories";
import type { StepInput } from "../trajectories/trajectory-input";
import { indexUnsearchedTrajectories } from "./index-search";

let database: Database;
const task = uniqueName("search-task");
const ids: Record<string, number> = {};

async function store(name: string, steps: StepInput[]) {
  const result = await createTrajectory(database.db, {
    agent: { name: uniqueName(name) },
    task: { name: task },
    sourceFormat: "atif",
    sourceHash: fakeSourceHash(),
    steps,
  });
  ids[name] = result.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  // Closed loop: inspect, act, then a verify after the last act.
  await store("pip", [
    { action: "ls -la /app", observation: "requirements.txt", exitCode: 0 },
    { action: "sudo pip install -r requirements.txt", observation: "Successfully installed numpy-1.26", exitCode: 0 },
    { action: "python3 -c 'import numpy'", observation: "", exitCode: 0 },
  ]);
  // Open loop: the last act is never checked. Output in Russian and Japanese.
  await store("i18n", [
    { action: "cat /etc/app.conf", observation: "Ошибка: файл не найден", exitCode: 1 },
    { action: "echo 'port=8080' > /etc/app.conf", observation: "設定ファイルを作成しました", exitCode: 0 },
  ]);
  // "pip install" only inside a longer word: the substring matches, the words differ.
  await store("xpip", [{ action: "xpip installer --dry-run", observation: "ok", exitCode: 0 }]);
});
afterAll(() => database.close());

async function matching(filter: TrajectoryFilter) {
  const page = await listTrajectories(database.db, { filter: { task, ...filter }, limit: 50 });
  return page.items.map((t) => Object.entries(ids).find(([, id]) => id === t.id)?.[0]).sort();
}

describe("trajectory search", () => {
  it("finds words in commands and outputs, any script, any case", async () => {
    expect(await matching({ text: "numpy" })).toEqual(["pip"]);
    expect(await matching({ text: "NUMPY successfully" })).toEqual(["pip"]);
    expect(await matching({ text: "файл" })).toEqual(["i18n"]);
    expect(await matching({ text: "ファイル" })).toEqual(["i18n"]);
    expect(await matching({ text: "python3" })).toEqual(["pip"]);
    expect(await matching({ text: "install*" })).toEqual(["pip", "xpip"]);
    expect(await matching({ text: "install* -numpy" })).toEqual(["xpip"]);
    expect(await matching({ text: "nowhere-to-be-found" })).toEqual([]);
  });

  it("filters by a command containing a text, any case", async () => {
    expect(await matching({ command: "pip install" })).toEqual(["pip", "xpip"]);
    expect(await matching({ command: " PIP INSTALL " })).toEqual(["pip"]);
    // Words only in an output do not make a command match.
    expect(await matching({ command: "requirements.txt" })).toEqual(["pip"]);
    expect(await matching({ command: "Successfully" })).toEqual([]);
    // LIKE wildcards in the text are literal.
    expect(await matching({ command: "ls_%" })).toEqual([]);
  });

  it("filters by whether the last act was verified", async () => {
    expect(await matching({ loop: "open" })).toEqual(["i18n"]);
    expect(await matching({ loop: "closed" })).toEqual(["pip"]);
  });

  it("indexes trajectories stored before search existed", async () => {
    // A database from before search: trajectories, and no words for any of them.
    await database.db.execute(sql`delete from trajectory_search`);
    expect(await matching({ text: "файл" })).toEqual([]);
    expect(await indexUnsearchedTrajectories(database.db)).toBe(3);
    expect(await matching({ text: "файл" })).toEqual(["i18n"]);
    expect(await matching({ text: "numpy" })).toEqual(["pip"]);
    expect(await indexUnsearchedTrajectories(database.db)).toBe(0);
  });
});
