import { z } from "zod";
import { atifToTrajectory, readAtif } from "./atif";
import { cleanText, decodeText, expectShape, parseJson } from "./read-json";
import { type DirectoryImporter, type FileLookup, type NormalizedTrajectory, SourceError } from "./types";

/*
 * A Harbor trial directory: result.json (task, agent, timing, verifier reward), agent/ with the
 * ATIF trajectory and the terminal recording, verifier/ with reward.txt or reward.json.
 */
const Timing = z.object({ started_at: z.string().nullish(), finished_at: z.string().nullish() }).nullish();
const TrialResult = z.object({
  task_name: z.string().nullish(),
  trial_name: z.string().nullish(),
  source: z.string().nullish(),
  agent_info: z
    .object({ name: z.string(), version: z.string().nullish(), model_info: z.object({ name: z.string().nullish(), provider: z.string().nullish() }).nullish() })
    .nullish(),
  agent_result: z
    .object({ n_input_tokens: z.number().nullish(), n_cache_tokens: z.number().nullish(), n_output_tokens: z.number().nullish(), cost_usd: z.number().nullish() })
    .nullish(),
  verifier_result: z.object({ rewards: z.record(z.string(), z.number().nullable()).nullish() }).nullish(),
  exception_info: z.object({ exception_type: z.string().nullish(), exception_message: z.string().nullish() }).nullish(),
  started_at: z.string().nullish(),
  finished_at: z.string().nullish(),
  agent_execution: Timing,
});

export const harborTrialImporter: DirectoryImporter = {
  format: "harbor",
  label: "Harbor trial directory",
  claims: (entries) => entries.has("result.json") && entries.has("agent/"),
  async parse(dir, files) {
    const resultFile = files.get(`${dir.rel}/result.json`)!;
    const result = expectShape(TrialResult, parseJson(decodeText(await resultFile.read(), resultFile.path), resultFile.path), resultFile.path, "Harbor trial result");
    const warnings: string[] = [];
    const trajectoryFile = files.get(`${dir.rel}/agent/trajectory.json`);
    const base: NormalizedTrajectory = trajectoryFile
      ? await atifToTrajectory(await readAtif(trajectoryFile), trajectoryFile, files)
      : { steps: [], warnings: ["no agent/trajectory.json in the trial"], failureTags: [] };

    const reward = (await verifierReward(dir.rel, files)) ?? result.verifier_result?.rewards?.reward ?? null;
    const recording = files.get(`${dir.rel}/agent/recording.cast`);
    const failureTags = [...(base.failureTags ?? [])];
    if (/timeout/i.test(result.exception_info?.exception_type ?? "")) failureTags.push("timeout");
    if (result.exception_info?.exception_type) warnings.push(`the trial ended with ${result.exception_info.exception_type}: ${result.exception_info.exception_message ?? ""}`.trim());

    const started = result.agent_execution?.started_at ?? result.started_at;
    const finished = result.agent_execution?.finished_at ?? result.finished_at;
    const model = result.agent_info?.model_info;
    return {
      warnings,
      trajectories: [
        {
          ...base,
          agent: result.agent_info
            ? { name: result.agent_info.name, version: result.agent_info.version, model: model?.name ?? base.agent?.model, provider: model?.provider, harness: "harbor" }
            : base.agent,
          task: { name: result.task_name ?? base.task?.name ?? dir.rel.split("/").at(-1)!, instruction: base.task?.instruction, source: result.source },
          reward,
          resolved: reward === null ? null : reward >= 1,
          promptTokens: result.agent_result?.n_input_tokens ?? base.promptTokens,
          completionTokens: result.agent_result?.n_output_tokens ?? base.completionTokens,
          cachedTokens: result.agent_result?.n_cache_tokens ?? base.cachedTokens,
          costUsd: result.agent_result?.cost_usd ?? base.costUsd,
          startedAt: started ? new Date(started) : base.startedAt,
          endedAt: finished ? new Date(finished) : base.endedAt,
          recording: recording ? cleanText(decodeText(await recording.read(), recording.path)) : null,
          failureTags,
          warnings: [...base.warnings],
        },
      ],
    };
  },
};

/** verifier/reward.txt holds a number; reward.json an object with `reward` (or one number). */
async function verifierReward(dirRel: string, files: FileLookup): Promise<number | null> {
  const txt = files.get(`${dirRel}/verifier/reward.txt`);
  if (txt) {
    const text = (await txt.read()).toString("utf8").trim();
    const value = Number(text);
    if (text === "" || !Number.isFinite(value)) throw new SourceError(txt.path, `expected a number, found "${text.slice(0, 40)}"`);
    return value;
  }
  const json = files.get(`${dirRel}/verifier/reward.json`);
  if (!json) return null;
  const parsed = parseJson(decodeText(await json.read(), json.path), json.path);
  const value = typeof parsed === "number" ? parsed : (parsed as { reward?: unknown })?.reward;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new SourceError(json.path, 'expected a number or {"reward": number}');
  return value;
}
