import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atifJson } from "../testing/atif-document";
import type { Database } from "@/db/client";
import { steps, trajectories } from "@/db/schema";
import { importPaths } from "../imports/import-sources";
import { addLabel } from "../labels/add-label";
import { disagreements, labelAgreement } from "../labels/agreement";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { agentStats } from "./agent-stats";
import { retagTrajectories } from "./retag";
import { compileRuleTable } from "./rules/rule-table";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/**
 * cd → other; cat config.yaml → inspect (observes /app/config.yaml); sed -i → act on it;
 * cat config.yaml → verify (reads back the write); pytest → verify.
 * One act, supported by step 1 and verified by step 3: TOR 1, VAR 1, closed loop 1, IAV 1, EGS 1.
 */
const SESSION = ["cd /app", "cat config.yaml", "sed -i 's/debug: true/debug: false/' config.yaml", "cat config.yaml", "python3 -m pytest -q"];

async function storeSession(agent: string, actions: string[], resolved: boolean | null = null) {
  const { id } = await createTrajectory(database.db, {
    agent: { name: agent },
    sourceFormat: "atif",
    sourceHash: fakeSourceHash(),
    resolved,
    steps: [{ source: "user", action: null, observation: "Fix the config." }, ...actions.map((action) => ({ action }))],
  });
  const rows = await database.db.select().from(steps).where(eq(steps.trajectoryId, id)).orderBy(asc(steps.index));
  return { id, steps: rows };
}

async function metricsOf(id: number) {
  const [row] = await database.db.select().from(trajectories).where(eq(trajectories.id, id));
  return row!;
}

describe("EGS at import", () => {
  it("stores each step's tag, rule, rules version and commands, and the trajectory's metrics", async () => {
    const { id, steps: rows } = await storeSession(uniqueName("teacher"), SESSION);
    expect(rows.map((s) => s.autoTag)).toEqual([null, "other", "inspect", "act", "verify", "verify"]);
    expect(rows.map((s) => s.tag)).toEqual(rows.map((s) => s.autoTag));
    expect(rows[3]!.autoRule).toBe("edit.sed-inplace");
    expect(rows[4]!.autoRule).toBe("read.file+after-write");
    expect(rows[3]!.rulesVersion).toBe("egs-v1");
    expect(rows[0]!.rulesVersion).toBeNull();
    expect(rows[3]!.commands).toEqual([expect.objectContaining({ tag: "act", writes: ["/app/config.yaml"] })]);

    const t = await metricsOf(id);
    expect([t.tor, t.var, t.closedLoop, t.iavCycles, t.egs, t.egsVersion]).toEqual([1, 1, 1, 1, 1, "egs-v1"]);
    const detail = t.metricsDetail as { counts: Record<string, number>; acts: { at: unknown; supportedBy: unknown; verifiedBy: unknown }[] };
    expect(detail.counts).toEqual({ inspect: 1, act: 1, verify: 2, other: 1 });
    expect(detail.acts).toEqual([{ at: { step: 3, command: 0 }, targets: ["/app/config.yaml"], supportedBy: { step: 2, command: 0, target: "/app/config.yaml" }, verifiedBy: { step: 4, command: 0 } }]);
  });

  it("tags trajectories imported from files", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-egs-"));
    try {
      const file = path.join(dir, "run.trajectory.json");
      fs.writeFileSync(file, atifJson({ session: "egs-import", task: "Write hello.txt", commands: ["echo hi > hello.txt", "cat hello.txt"] }));
      const result = await importPaths(database.db, [file]);
      const id = result.reports[0]!.trajectoryIds[0]!;
      const rows = await database.db.select({ tag: steps.autoTag, rule: steps.autoRule }).from(steps).where(eq(steps.trajectoryId, id)).orderBy(asc(steps.index));
      expect(rows.filter((r) => r.tag)).toEqual([
        { tag: "act", rule: "write.redirect" },
        { tag: "verify", rule: "read.file+after-write" },
      ]);
      // One act, unobserved before (TOR 0), read back after (VAR 1, closed loop 1): EGS (0 + 1 + 1) / 3.
      const t = await metricsOf(id);
      expect([t.tor, t.var, t.closedLoop]).toEqual([0, 1, 1]);
      expect(t.egs).toBeCloseTo(2 / 3, 5);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("human labels and metrics", () => {
  it("recomputes the metrics from the effective tag when a label changes", async () => {
    const { id, steps: rows } = await storeSession(uniqueName("teacher"), SESSION);
    const annotator = uniqueName("ann");
    // The only observation of config.yaml becomes "other": the act is unsupported — TOR 0, EGS (0 + 1 + 1) / 3.
    await addLabel(database.db, { stepId: rows[2]!.id, annotator, tag: "other" });
    let t = await metricsOf(id);
    expect(t.tor).toBe(0);
    expect(t.egs).toBeCloseTo(2 / 3, 5);
    expect((t.metricsDetail as { counts: Record<string, number> }).counts).toEqual({ inspect: 0, act: 1, verify: 2, other: 2 });

    // Changing the mind restores it; the history keeps both labels.
    await addLabel(database.db, { stepId: rows[2]!.id, annotator, tag: "inspect" });
    t = await metricsOf(id);
    expect([t.tor, t.egs]).toEqual([1, 1]);

    // The act relabeled as a verify: no act is left, so the metrics are undefined.
    await addLabel(database.db, { stepId: rows[3]!.id, annotator, tag: "verify" });
    t = await metricsOf(id);
    expect([t.tor, t.var, t.closedLoop, t.egs]).toEqual([null, null, null, null]);
  });
});

describe("teacher stats", () => {
  it("aggregates outcomes, length and metrics per agent", async () => {
    const name = uniqueName("teacher");
    await storeSession(name, SESSION, true); // 5 actions, EGS 1
    await storeSession(name, ["ls", "cat README.md"], false); // 2 actions, no act: metrics null
    await storeSession(name, ["echo x > out.txt"], null); // 1 action: act, unobserved, unverified: TOR 0, VAR 0, CL 0, EGS 0
    const stats = (await agentStats(database.db)).find((a) => a.name === name)!;
    expect(stats).toMatchObject({ trajectories: 3, judged: 2, resolved: 1, resolvedRate: 0.5 });
    expect(stats.meanSteps).toBeCloseTo((5 + 2 + 1) / 3, 5);
    // Means over the two trajectories with acts: TOR (1 + 0) / 2, EGS (1 + 0) / 2.
    expect(stats.tor).toBe(0.5);
    expect(stats.egs).toBe(0.5);
    expect(stats.distribution.egs?.p50).toBe(0.5);
    // Shares: (1/5 + 2/2 + 0) / 3 inspect; (1/5 + 0 + 1) / 3 act.
    expect(stats.tagShares.inspect).toBeCloseTo((0.2 + 1) / 3, 5);
    expect(stats.tagShares.act).toBeCloseTo((0.2 + 1) / 3, 5);
  });
});

describe("agreement", () => {
  it("computes Cohen's kappa per rater pair over the steps both labeled, and queues disagreements", async () => {
    const { steps: rows } = await storeSession(uniqueName("teacher"), SESSION);
    const [ana, ben] = [uniqueName("ana"), uniqueName("ben")];
    const s = rows.map((r) => r.id);
    // Steps 2–5 (auto: inspect, act, verify, verify).
    await addLabel(database.db, { stepId: s[2]!, annotator: ana, tag: "inspect" });
    await addLabel(database.db, { stepId: s[3]!, annotator: ana, tag: "act" });
    await addLabel(database.db, { stepId: s[4]!, annotator: ana, tag: "verify" });
    await addLabel(database.db, { stepId: s[5]!, annotator: ana, tag: "verify" });
    await addLabel(database.db, { stepId: s[2]!, annotator: ben, tag: "inspect" });
    await addLabel(database.db, { stepId: s[3]!, annotator: ben, tag: "act" });
    await addLabel(database.db, { stepId: s[4]!, annotator: ben, tag: "inspect" });
    await addLabel(database.db, { stepId: s[5]!, annotator: ben, tag: "verify" });

    const { pairs } = await labelAgreement(database.db);
    const pair = pairs.find((p) => (p.a === ana && p.b === ben) || (p.a === ben && p.b === ana))!;
    // pₒ = 3/4; ana (I,A,V,V), ben (I,A,I,V): pₑ = ¼·½ + ¼·¼ + ½·¼ = 5/16; κ = (3/4 − 5/16)/(1 − 5/16) = 7/11.
    expect(pair.items).toBe(4);
    expect(pair.observed).toBe(0.75);
    expect(pair.kappa).toBeCloseTo(7 / 11, 10);
    // The auto tags match ana's labels exactly.
    expect(pairs.find((p) => p.a === "auto" && p.b === ana)!.kappa).toBe(1);

    const queue = await disagreements(database.db, { afterStepId: s[1]! });
    expect(queue.filter((d) => d.stepId <= s[5]!).map((d) => d.stepId)).toEqual([s[4]]);
    expect(queue[0]!.labels.map((l) => l.tag).sort()).toEqual(["inspect", "verify"]);
    expect(queue[0]!.autoTag).toBe("verify");
  });
});

describe("retagging", () => {
  it("applies a new rule table to stored trajectories, keeping human labels and recomputing metrics", async () => {
    const { id, steps: rows } = await storeSession(uniqueName("teacher"), ["cat notes.md", "frobnicate notes.md", "cat notes.md"]);
    // `frobnicate` is unknown to egs-v1: other. Nothing acts, so the metrics are undefined.
    expect(rows.map((s) => s.autoTag)).toEqual([null, "inspect", "other", "inspect"]);
    const annotator = uniqueName("ann");
    await addLabel(database.db, { stepId: rows[1]!.id, annotator, tag: "other" });

    const table = compileRuleTable({
      version: "team",
      rules: [{ id: "team.frobnicate", tag: "act", confidence: 0.9, programs: ["frobnicate"], targets: "args", why: "rewrites the file" }],
    });
    const result = await retagTrajectories(database.db, { table });
    expect(result.rulesVersion).toMatch(/^egs-v1\+team\.[0-9a-f]{8}$/);
    expect(result.trajectories).toBeGreaterThanOrEqual(1);

    const after = await database.db.select().from(steps).where(eq(steps.trajectoryId, id)).orderBy(asc(steps.index));
    // Step 2 is now an act on notes.md, so step 3 reads it back (verify); step 1 keeps its human label.
    expect(after.map((s) => s.autoTag)).toEqual([null, "inspect", "act", "verify"]);
    expect(after.map((s) => s.tag)).toEqual([null, "other", "act", "verify"]);
    expect(after[2]!.rulesVersion).toBe(result.rulesVersion);
    // The act's only observation is the relabeled step: unsupported (TOR 0); read back (VAR 1, closed loop 1).
    const t = await metricsOf(id);
    expect([t.tor, t.var, t.closedLoop]).toEqual([0, 1, 1]);

    // Nothing is left to do with the same table.
    expect((await retagTrajectories(database.db, { table })).trajectories).toBe(0);
  });
});
