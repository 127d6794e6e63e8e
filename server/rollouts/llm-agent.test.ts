import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openMemoryDatabase } from "@/db/client";
import { agents, steps, trajectories } from "@/db/schema";
import { getBlob } from "../blobs/blob-store";
import { parseCast } from "../formats/parse-cast";
import { addTasks } from "../tasks/add-tasks";
import { engineForTests } from "../testing/docker-engine";
import { startTerminusServer, terminusReply } from "../testing/terminus-server";
import { JOB_LABEL, listContainers } from "./docker/containers";
import { type Engine, closeEngine } from "./docker/engine";
import type { LlmAgentConfig } from "./rollout-agents";
import { runRollout } from "./run-rollout";

/*
 * The llm agent against the real Docker engine, its model a scripted OpenAI-compatible server on
 * localhost (the one simulated part: a remote, paid API). The agent talks to it over HTTP.
 */
const EXAMPLES = path.resolve(import.meta.dirname, "../tasks/examples");
const RUN = `llm-test-${process.pid}-${Date.now().toString(36)}`;
const GREETING = "Hello, Trajectory Studio!";

const engine: Engine | undefined = await engineForTests("LLM agent rollout tests");
let database: Database;

beforeAll(async () => {
  database = await openMemoryDatabase();
  if (engine) await addTasks(database.db, [path.join(EXAMPLES, "hello-file")]);
});
afterAll(async () => {
  await database?.close();
  if (engine) closeEngine(engine);
});

/** The model's three turns (inspect, act, verify) and its "done". */
const solving = [
  terminusReply("A fresh shell; I have not looked at /app yet.", "List /app to see what is there.", [{ keystrokes: "ls -la /app\n" }]),
  terminusReply("/app exists and has no hello.txt.", "Write the greeting into /app/hello.txt.", [{ keystrokes: `echo '${GREETING}' > /app/hello.txt\n` }]),
  terminusReply("The file was written.", "Print it to check its content.", [{ keystrokes: "cat /app/hello.txt\n" }]),
  terminusReply("The file holds exactly the greeting.", "Nothing left to do.", [], true),
];

async function llmRollout(config: Omit<LlmAgentConfig, "kind" | "model">, id: string) {
  return runRollout(database.db, { task: "hello-file", agent: { kind: "llm", model: "scripted-model", ...config }, engine, jobId: `${RUN}-${id}` });
}

async function storedSteps(trajectoryId: number) {
  return database.db.select().from(steps).where(eq(steps.trajectoryId, trajectoryId)).orderBy(asc(steps.index));
}

async function leftovers() {
  return (await listContainers(engine!, JOB_LABEL)).filter((c) => c.Labels[JOB_LABEL]?.startsWith(RUN));
}

describe.skipIf(!engine)("llm agent rollouts (real Docker, scripted model)", () => {
  it("inspects, acts, verifies and completes: reward 1, steps with thoughts, tags, EGS and a recording", { timeout: 300_000 }, async () => {
    const server = await startTerminusServer(solving);
    try {
      const result = await llmRollout({ baseUrl: server.baseUrl, temperature: 0 }, "solve");
      expect(result).toMatchObject({ reward: 1, resolved: true, agent: "terminus:scripted-model" });

      const [trajectory] = await database.db.select().from(trajectories).where(eq(trajectories.id, result.trajectoryId));
      expect(trajectory).toMatchObject({ reward: 1, sourceFormat: "rollout", egsVersion: "egs-v1", failureTags: [] });
      expect(trajectory!.egs).not.toBeNull();
      expect(trajectory!.tor).not.toBeNull();
      expect(trajectory!.promptTokens).toBeGreaterThan(0);
      expect(trajectory!.completionTokens).toBeGreaterThan(0);

      const rows = await storedSteps(result.trajectoryId);
      const commands = rows.filter((s) => s.action);
      expect(commands.map((s) => s.keystrokes)).toEqual(["ls -la /app\n", `echo '${GREETING}' > /app/hello.txt\n`, "cat /app/hello.txt\n"]);
      expect(commands.map((s) => s.tag)).toEqual(["inspect", "act", "verify"]);
      expect(commands.every((s) => s.thought && s.source === "agent")).toBe(true);
      expect(commands[0]!.thought).toContain("List /app");
      expect(commands[2]!.observation).toBe(GREETING);
      // The final "done" turn keeps its reasoning as a step without an action (and no tag).
      expect(rows.at(-1)).toMatchObject({ action: null, tag: null, thought: expect.stringContaining("exactly the greeting") });

      // What the terminal showed went back to the model in the following requests.
      expect(server.requests).toHaveLength(4);
      expect(server.requests[0]!.body).toMatchObject({ model: "scripted-model", temperature: 0 });
      expect(server.requests[0]!.body.messages[1]!.content).toContain("/app/hello.txt");
      const lastUser = (i: number) => server.requests[i]!.body.messages.at(-1)!.content;
      expect(lastUser(1)).toMatch(/\$ ls -la \/app\n[\s\S]*total/);
      expect(lastUser(3)).toContain(`$ cat /app/hello.txt\n${GREETING}`);
      expect(server.requests[0]!.authorization).toBeUndefined();

      const cast = parseCast((await getBlob(database.db, trajectory!.recordingBlob!)).toString("utf8"), "recording.cast");
      expect(cast.events.some((e) => e.code === "i" && e.data === "cat /app/hello.txt\n")).toBe(true);
      expect(cast.events.filter((e) => e.code === "o").map((e) => e.data).join("")).toContain(GREETING);
      expect(await leftovers()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("tells the model what was wrong with unparseable replies, counts them, and still completes", { timeout: 300_000 }, async () => {
    const fenced = "Sure! Here is my answer:\n```json\n" + solving[1] + "\n```\nHope that helps.";
    const server = await startTerminusServer(["I will just write the file.", '{"analysis": "x", "commands": []}', fenced, solving[2]!, solving[3]!]);
    try {
      const result = await llmRollout({ baseUrl: server.baseUrl }, "garbage");
      expect(result).toMatchObject({ reward: 1, resolved: true });
      const [trajectory] = await database.db.select().from(trajectories).where(eq(trajectories.id, result.trajectoryId));
      expect(trajectory!.failureTags).toEqual(["parse-errors"]);
      expect(trajectory!.importWarnings).toContain("2 model replies could not be parsed");
      expect(server.requests[1]!.body.messages.at(-1)!.content).toContain("not valid JSON");
      expect(server.requests[2]!.body.messages.at(-1)!.content).toMatch(/plan: .*(expected string|Required)/i);
      // The fenced reply (text around it) was understood: its command ran.
      expect((await storedSteps(result.trajectoryId)).filter((s) => s.action).map((s) => s.tag)).toEqual(["act", "verify"]);
    } finally {
      await server.close();
    }
  });

  it("stops after too many unparseable replies in a row", { timeout: 300_000 }, async () => {
    const server = await startTerminusServer(["nope", "still nope", "no"]);
    try {
      const result = await llmRollout({ baseUrl: server.baseUrl, maxParseErrors: 3 }, "giveup");
      expect(result).toMatchObject({ reward: 0, steps: 0 });
      expect(server.requests).toHaveLength(3);
      const [trajectory] = await database.db.select().from(trajectories).where(eq(trajectories.id, result.trajectoryId));
      expect(trajectory!.failureTags).toContain("parse-errors");
      expect(trajectory!.importWarnings).toContain("stopped after 3 unparseable replies in a row");
    } finally {
      await server.close();
    }
  });

  it("sends the key from the named env variable as a Bearer token and never stores it", { timeout: 300_000 }, async () => {
    const key = `sk-test-${RUN}`;
    process.env.TRAJSTUDIO_TEST_LLM_KEY = key;
    const server = await startTerminusServer(solving);
    try {
      const result = await llmRollout({ baseUrl: server.baseUrl, apiKeyEnv: "TRAJSTUDIO_TEST_LLM_KEY", maxTurns: 10 }, "key");
      expect(result.reward).toBe(1);
      expect(server.requests.every((r) => r.authorization === `Bearer ${key}`)).toBe(true);

      const [agent] = await database.db.select().from(agents).where(eq(agents.name, "terminus:scripted-model"));
      expect(agent!.config).toMatchObject({ kind: "llm", apiKeyEnv: "TRAJSTUDIO_TEST_LLM_KEY", model: "scripted-model", maxTurns: 10 });
      const [trajectory] = await database.db.select().from(trajectories).where(eq(trajectories.id, result.trajectoryId));
      const stored = JSON.stringify({ agent, trajectory, steps: await storedSteps(result.trajectoryId) });
      expect(stored).not.toContain(key);
      const recording = (await getBlob(database.db, trajectory!.recordingBlob!)).toString("utf8");
      expect(recording).not.toContain(key);
    } finally {
      delete process.env.TRAJSTUDIO_TEST_LLM_KEY;
      await server.close();
    }
  });

  it("fails clearly when the named key variable is not set", async () => {
    await expect(llmRollout({ baseUrl: "http://127.0.0.1:9/v1", apiKeyEnv: "TRAJSTUDIO_TEST_UNSET_KEY" }, "nokey")).rejects.toThrow("TRAJSTUDIO_TEST_UNSET_KEY is not set");
    expect(await leftovers()).toEqual([]);
  });
});
