import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, SAMPLES, SAMPLES_MISSING, hasSamples } from "../../testing/format-inputs";
import type { ExportStep } from "../export-trajectory";
import { toAtif } from "./atif";
import { toAxolotl } from "./axolotl";
import { SKIP_NO_AGENT, SKIP_NO_PROMPT, contextText } from "./conversation";
import { toOpenAi } from "./openai";
import { toShareGpt } from "./sharegpt";
import { type LoadedSample, loadTrajectories, reimportAtif } from "./testing-export";
import { toolCallOf } from "./tool-calls";
import { checkAtif } from "./validate-atif";
import { checkAxolotl, checkOpenAi, checkShareGpt } from "./validate-chat";

/*
 * Every real sample (and the importer fixtures) through every format: each record passes its
 * consumer's checker, comes out byte-identical twice, and the ATIF documents read back through
 * our importer as the same steps.
 */

const FORMATS = {
  openai: (s: LoadedSample) => toOpenAi(s.trajectory, { weights: true }),
  sharegpt: (s: LoadedSample) => toShareGpt(s.trajectory),
  axolotl: (s: LoadedSample) => toAxolotl(s.trajectory, { maskObservations: true }),
  atif: (s: LoadedSample) => toAtif(s.trajectory),
};
const CHECKS: Record<keyof typeof FORMATS, (record: never) => string[]> = {
  openai: checkOpenAi,
  sharegpt: checkShareGpt,
  axolotl: (r) => checkAxolotl(r, { maskObservations: true }),
  atif: checkAtif,
};

const shown = (s: LoadedSample) => path.relative(path.dirname(SAMPLES), s.path);

/** `records`: how many trajectories give a chat record and how many an ATIF document. */
function exportsAll(load: () => LoadedSample[], records: { chat: number; atif: number }) {
  for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
    it(`${format}: every record passes its consumer's checks and is the same twice`, () => {
      let checked = 0;
      for (const sample of load()) {
        const result = FORMATS[format](sample);
        expect(JSON.stringify(FORMATS[format](sample)), shown(sample)).toBe(JSON.stringify(result));
        if (!result.ok) continue;
        expect(CHECKS[format](result.record as never), `${format} ${shown(sample)}`).toEqual([]);
        checked++;
      }
      expect(checked).toBe(format === "atif" ? records.atif : records.chat);
    });
  }

  it("atif: reads back through our importer as the same steps", async () => {
    const documents = load().flatMap((sample) => {
      const result = toAtif(sample.trajectory);
      return result.ok ? [{ sample, result }] : [];
    });
    expect(documents).toHaveLength(records.atif);
    for (const { sample, result } of documents) {
      const back = await reimportAtif(result.record);
      expect(back.map(comparable), shown(sample)).toEqual(sample.trajectory.steps.map(expected));
      // ATIF has no exit-code field: the export keeps them in each step's `extra`.
      const docSteps = result.record.steps as { extra?: { exit_code?: number } }[];
      expect(docSteps.map((s) => s.extra?.exit_code ?? null)).toEqual(sample.trajectory.steps.map((s) => s.exitCode));
    }
  });
}

const orNull = (text: string | null | undefined) => (text === undefined || text === "" ? null : text);

/**
 * What a step is expected to read back as: the importer takes the action (and keystrokes) from a
 * call's `keystrokes` argument, and renders other calls as `name(key=value…)`.
 */
function expected(step: ExportStep) {
  const call = toolCallOf(step);
  const agent = step.source === "agent";
  const keystrokes = typeof call?.arguments.keystrokes === "string" ? call.arguments.keystrokes : null;
  return {
    source: step.source,
    startedAt: step.startedAt,
    thought: agent ? orNull(step.thought) : null,
    observation: agent ? step.observation : orNull(contextText(step)),
    toolName: call?.name ?? null,
    toolArgs: call?.arguments ?? null,
    keystrokes,
    action: call && keystrokes === null ? `rendered ${call.name}` : (step.action ?? null),
    trainable: agent ? step.trainable : false,
  };
}

function comparable(step: Awaited<ReturnType<typeof reimportAtif>>[number]) {
  const rendered = step.keystrokes === null || step.keystrokes === undefined;
  return {
    source: step.source,
    startedAt: step.startedAt?.toISOString() ?? null,
    thought: orNull(step.thought),
    observation: step.source === "agent" ? (step.observation ?? null) : orNull(step.observation),
    toolName: step.toolName ?? null,
    toolArgs: step.toolArgs ?? null,
    keystrokes: step.keystrokes ?? null,
    // Calls without keystrokes come back as `name(key=value…)`: same tool, the importer's rendering.
    action: step.toolName && rendered && step.action?.startsWith(step.toolName) ? `rendered ${step.toolName}` : (step.action ?? null),
    trainable: step.trainable,
  };
}

describe("the importer fixtures, exported in every format", () => {
  let loaded: LoadedSample[] = [];
  beforeAll(async () => {
    loaded = await loadTrajectories([FIXTURES]);
  });

  it("all give a record", () => {
    expect(loaded).toHaveLength(7);
    for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) expect(loaded.every((s) => FORMATS[format](s).ok)).toBe(true);
  });
  exportsAll(() => loaded, { chat: 7, atif: 7 });
});

describe.skipIf(!hasSamples)(`every shared sample, exported in every format (${SAMPLES_MISSING})`, () => {
  let loaded: LoadedSample[] = [];
  beforeAll(async () => {
    loaded = await loadTrajectories([SAMPLES]);
  });

  it("gives a record, or says why not, for each of the 18 trajectories", () => {
    const outcome = (s: LoadedSample) => {
      const chat = [toOpenAi(s.trajectory), toShareGpt(s.trajectory), toAxolotl(s.trajectory)].map((r) => (r.ok ? "record" : r.reason));
      expect(new Set(chat).size, shown(s)).toBe(1);
      const atif = toAtif(s.trajectory);
      return `${path.basename(s.path)}: ${chat[0]} / atif ${atif.ok ? "record" : atif.reason}`;
    };
    expect(loaded.map(outcome).sort()).toEqual([
      `6e44b9__sweagenttestrepo-1c2844.traj: record / atif record`,
      `demo.cast: ${SKIP_NO_PROMPT} / atif record`,
      `fix-permissions.1-of-1.2025-08-07__20-46-16: ${SKIP_NO_AGENT} / atif no steps`,
      `fix-permissions.1-of-1.openhands-sonnet: ${SKIP_NO_AGENT} / atif no steps`,
      `fix-permissions.1-of-5: ${SKIP_NO_AGENT} / atif no steps`,
      `full-v2.cast: ${SKIP_NO_AGENT} / atif no steps`,
      `full-v3.cast: ${SKIP_NO_AGENT} / atif no steps`,
      `github_issue.traj.json: record / atif record`,
      `hello-world-context-summarization.trajectory.json: record / atif record`,
      `hello-world-invalid-json.trajectory.json: record / atif record`,
      `hello-world.1-of-1.2025-08-07__20-46-16: record / atif record`,
      `hello-world.1-of-1.openhands-sonnet: ${SKIP_NO_AGENT} / atif no steps`,
      `hello-world.1-of-5: ${SKIP_NO_AGENT} / atif no steps`,
      `log_read_sample.eval: record / atif record`,
      `log_tool_call_error.json: record / atif record`,
      `mini-swe-agent-trajectory.json: record / atif record`,
      `minimal-v3.cast: ${SKIP_NO_AGENT} / atif no steps`,
      `openhands_trajectory.json: record / atif record`,
    ]);
  });

  it("keeps Terminus-2's thoughts, calls and tool set (the context-summarization sample)", () => {
    const sample = loaded.find((s) => s.path.endsWith("hello-world-context-summarization.trajectory.json"))!;
    const result = toShareGpt(sample.trajectory);
    if (!result.ok) throw new Error(result.reason);
    expect(JSON.parse(result.record.tools).map((t: { name: string }) => t.name)).toEqual(["bash_command", "mark_task_complete"]);
    expect(result.record.conversations[1]!.value).toBe(
      '<think>\nAnalysis: Terminal is ready. Let me create a test directory first.\nPlan: Create test_dir to set up some context.\n</think>\n\n{"name":"bash_command","arguments":{"keystrokes":"mkdir test_dir\\n","duration":0.1}}',
    );
  });

  exportsAll(() => loaded, { chat: 9, atif: 10 });
});
