import { z } from "zod";
import type { StepInput } from "../trajectories/trajectory-input";
import { parseMiniSweAgentTranscript } from "./mini-swe-agent-transcript";
import { parseCast, type Cast } from "./parse-cast";
import { cleanText, decodeText, expectShape, parseJson } from "./read-json";
import { commandSteps, outputText, segmentCastCommands, type CastCommand, type CastSegmentation } from "./segment-cast";
import { agentFromLaunchCommand, agentFromRunPath, type Tb1Agent } from "./tb1-agent-name";
import { harnessSetupKind, readTb1Commands, stripTmuxWait, type Tb1Commands } from "./tb1-commands";
import { SourceError, type DirectoryImporter, type FileLookup, type NormalizedTrajectory, type VirtualFile } from "./types";

/*
 * A Terminal-Bench 1 trial directory: `results.json` (task, outcome, tokens, timing),
 * `sessions/agent.cast` (the agent's tmux session, recorded with --stdin), `sessions/tests.cast`
 * (the verifier's session), `commands.txt` (keys sent to tmux) and `panes/` (screen captures).
 *
 * The steps come from the recording, and what the recording holds depends on the agent:
 * - a tmux-driven agent (Terminus) types its commands into the session: each is a step;
 * - an installed agent (mini-swe-agent, OpenHands, …) is launched by one harness command and
 *   runs its commands in its own subprocesses: the steps are recoverable only where the agent
 *   prints its own transcript (mini-swe-agent does); otherwise there are none to be had;
 * - some agents never touch the recorded terminal at all.
 * The harness's own commands (clear, sourcing the agent's env and installer, the launch) are
 * not the agent's steps and are left out. Nothing is invented: when nothing can be recovered
 * the trajectory has zero steps and says why.
 *
 * A run directory's `results.json` repeats its trials in a `results` array; it has no
 * `sessions/`, so it is not claimed here and the trials are imported once, from their own
 * directories.
 */

const Tb1Results = z.object({
  id: z.string().nullish(),
  uuid: z.string().nullish(),
  trial_name: z.string().nullish(),
  task_id: z.string().trim().min(1),
  instruction: z.string().nullish(),
  is_resolved: z.boolean().nullish(),
  failure_mode: z.string().nullish(),
  parser_results: z.record(z.string(), z.unknown()).nullish(),
  total_input_tokens: z.number().int().nonnegative().nullish(),
  total_output_tokens: z.number().int().nonnegative().nullish(),
  trial_started_at: z.string().nullish(),
  trial_ended_at: z.string().nullish(),
  agent_started_at: z.string().nullish(),
  agent_ended_at: z.string().nullish(),
});
type Tb1Results = z.infer<typeof Tb1Results>;

export const terminalBenchTrialImporter: DirectoryImporter = {
  format: "terminal-bench",
  label: "Terminal-Bench 1 trial",
  claims: (entries) => entries.has("results.json") && entries.has("sessions/"),
  parse: async (dir, files) => ({ trajectories: [await parseTrial(dir, files)], warnings: [] }),
};

async function parseTrial(dir: { rel: string; path: string }, files: FileLookup): Promise<NormalizedTrajectory> {
  const at = (name: string) => (dir.rel === "" || dir.rel === "." ? name : `${dir.rel}/${name}`);
  const resultsFile = files.get(at("results.json"));
  if (!resultsFile) throw new SourceError(`${dir.path}/results.json`, "the trial's results.json is missing");
  const raw = parseJson(decodeText(await resultsFile.read(), resultsFile.path), resultsFile.path);
  if (typeof raw === "object" && raw !== null && Array.isArray((raw as { results?: unknown }).results)) {
    throw new SourceError(resultsFile.path, "this is a run's results.json (it lists the trials); import the run directory and each trial is read from its own folder");
  }
  const results = expectShape(Tb1Results, raw, resultsFile.path, "Terminal-Bench results.json");
  const warnings: string[] = [];
  const failureTags = new Set(failureTagsFor(results.failure_mode));

  const commands = await readCommandsFile(files.get(at("commands.txt")), warnings);

  const castFile = files.get(at("sessions/agent.cast"));
  let recording: string | null = null;
  let cast: Cast | null = null;
  if (!castFile) {
    warnings.push("no sessions/agent.cast: the agent's session was not recorded, so there are no steps");
  } else {
    try {
      recording = decodeText(await castFile.read(), castFile.path);
      cast = parseCast(recording, castFile.path);
      warnings.push(...cast.warnings.map((w) => `sessions/agent.cast: ${w}`));
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      // The outcome is still worth having; the steps and the replay are not to be had.
      warnings.push(`sessions/agent.cast could not be read (${error.message}): no steps, no recording`);
      recording = null;
    }
  }
  if (files.get(at("sessions/tests.cast"))) warnings.push("sessions/tests.cast is the verifier's session, not the agent's: not imported as steps");

  const recovered: Recovered = cast ? recoverSteps(cast, commands) : { steps: [], launches: [], notes: [], tags: [] };
  warnings.push(...recovered.notes);
  for (const tag of recovered.tags) failureTags.add(tag);

  const agent = agentFromRunPath(dir.path) ?? agentFromRunPath(dir.rel) ?? agentFromLaunches([...recovered.launches, ...(commands?.launches ?? [])]);
  if (!agent) warnings.push("the agent is not named by the run directory (<date>_<agent>_<model>) or a launch command: agent unknown (use --agent)");

  const timing = trialTiming(results, cast, warnings);
  const tokens = tokenCounts(results, warnings);
  const resolved = results.is_resolved ?? null;
  if (resolved === null) warnings.push("results.json has no is_resolved: outcome unknown");

  return {
    agent: agent ? { name: agent.name, model: agent.model, harness: "terminal-bench", provider: providerOf(agent.model) } : null,
    task: { name: results.task_id, instruction: cleanText(results.instruction), source: taskSource(dir.path) },
    sessionId: results.id ?? results.uuid ?? results.trial_name ?? null,
    reward: resolved === null ? null : resolved ? 1 : 0,
    resolved,
    ...timing,
    ...tokens,
    steps: recovered.steps,
    recording,
    failureTags: [...failureTags],
    warnings,
  };
}

/** commands.txt only helps (cross-checks, recovers commands): when it cannot be read, say so and go on. */
async function readCommandsFile(file: VirtualFile | undefined, warnings: string[]): Promise<Tb1Commands | null> {
  if (!file) return null;
  try {
    const commands = readTb1Commands(decodeText(await file.read(), file.path));
    warnings.push(...commands.warnings);
    return commands;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    warnings.push(`commands.txt could not be read (${error.message}): not used`);
    return null;
  }
}

type Recovered = { steps: StepInput[]; launches: string[]; notes: string[]; tags: string[] };

// mini-swe-agent ends a run by echoing this marker: the step is a submission, not a shell command.
const SUBMIT = /^\s*echo\s+['"]?(COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT|MINI_SWE_AGENT_FINAL_OUTPUT)\b/;

function recoverSteps(cast: Cast, commands: Tb1Commands | null): Recovered {
  const segmentation = segmentCastCommands(cast);
  const all = segmentation.commands.map((c) => ({ ...c, action: stripTmuxWait(c.action) }));
  const notes: string[] = [];

  // The harness's setup, then (for an installed agent) its launch; the rest is the agent's typing.
  // A `clear` is the harness's only as the first command; an agent may clear the screen too.
  const isSetup = (c: CastCommand, i: number) => {
    const kind = harnessSetupKind(c.action);
    return kind === "env" || kind === "install" || (kind === "clear" && i === 0);
  };
  const installed = all.some((c) => harnessSetupKind(c.action) === "install") || commands?.installed === true;
  const setup = all.filter(isSetup);
  const rest = all.filter((c, i) => !isSetup(c, i));
  const launches = installed ? rest : [];
  const typed = installed ? [] : rest;
  if (setup.length > 0) {
    notes.push(`${setup.length} harness command(s) left out of the steps (${[...new Set(setup.map((c) => harnessSetupKind(c.action)))].join(", ")})`);
  }

  if (installed) return { ...fromInstalledAgent(cast, segmentation, launches, commands, notes), launches: launches.map((c) => c.action) };

  // The harness ends the recording with Ctrl-D; it is not a key of the agent's last command.
  const last = typed[typed.length - 1];
  if (last?.keystrokes?.endsWith("\u0004")) typed[typed.length - 1] = { ...last, keystrokes: last.keystrokes.slice(0, -1) };
  let steps = commandSteps(cast, typed);
  const listed = commands?.agentCommands ?? [];
  if (steps.length > 0) {
    notes.push(`no structured steps: ${steps.length} command(s) segmented from the recording (${segmentation.method === "input" ? "input events" : "shell prompts"})`);
    if (commands && listed.length !== steps.length) {
      notes.push(`commands.txt lists ${listed.length} agent command(s) but the recording shows ${steps.length}: the recording's are used`);
    }
  } else if (listed.length > 0) {
    steps = listed.map((c) => ({ source: "agent", action: cleanText(c.command.trimEnd()), keystrokes: cleanText(c.keystrokes), observation: null }));
    notes.push(`the recording shows no agent commands: ${steps.length} recovered from commands.txt (no output, no timing)`);
  } else {
    notes.push("the agent typed nothing into the recorded terminal (neither the recording nor commands.txt shows a command of its own): zero steps");
  }
  return { steps, launches: [], notes, tags: [] };
}

function fromInstalledAgent(cast: Cast, segmentation: CastSegmentation, launches: CastCommand[], commands: Tb1Commands | null, notes: string[]): Omit<Recovered, "launches"> {
  if (launches.length === 0) {
    const failed = segmentation.commands.some((c) => /INSTALL_FAIL_STATUS/.test(outputText(c.output)));
    notes.push(
      failed
        ? "the agent's installation failed (INSTALL_FAIL_STATUS) and it was never launched: zero steps"
        : `the recording shows no launch of the installed agent${commands?.launches.length ? ` (commands.txt has ${commands.launches.length})` : ""}: zero steps`,
    );
    return { steps: [], notes, tags: failed ? ["agent-never-ran"] : [] };
  }

  const steps: StepInput[] = [];
  for (const launch of launches) {
    const transcript = parseMiniSweAgentTranscript(launch.output, cast.width, segmentation.prompt);
    if (!transcript) continue;
    for (const step of transcript) {
      const offset = step.offset ?? launch.offset;
      steps.push({
        source: "agent",
        startedAt: cast.timestamp === null ? null : new Date(Math.round((cast.timestamp + offset) * 1000)),
        recordingOffset: offset,
        thought: cleanText(step.thought),
        toolName: step.action === null ? null : SUBMIT.test(step.action) ? "submit" : "bash",
        action: cleanText(step.action),
        observation: cleanText(step.observation),
        exitCode: step.exitCode,
      });
    }
  }
  if (steps.length > 0) {
    const noAction = steps.filter((s) => !s.action).length;
    notes.push(
      `no structured steps: ${steps.length} step(s) recovered from mini-swe-agent's console transcript in the recording (thought, command, output, exit code)` +
        (noAction ? `; ${noAction} reply(ies) had no single runnable command (format errors: nothing ran)` : ""),
    );
    return { steps, notes, tags: noAction ? ["parse-errors"] : [] };
  }

  const launchOutput = launches.map((l) => outputText(l.output)).join("\n");
  const firstLine = launchOutput.split("\n").find((l) => l.trim() !== "") ?? "";
  if (/command not found|No such file or directory|Permission denied|cannot execute/.test(firstLine)) {
    notes.push(`the agent never ran: its launch printed ${JSON.stringify(firstLine.trim())}; zero steps`);
    return { steps: [], notes, tags: ["agent-never-ran"] };
  }
  const lines = launchOutput.split("\n").length;
  notes.push(`the installed agent printed no transcript this importer can read (${lines} line(s) of console output): its commands ran in its own processes and are not in the recording; zero steps, the recording is kept for replay`);
  return { steps: [], notes, tags: [] };
}

function agentFromLaunches(launches: string[]): Tb1Agent | null {
  for (const launch of launches) {
    const agent = agentFromLaunchCommand(stripTmuxWait(launch));
    if (agent) return agent;
  }
  return null;
}

/*
 * Terminal-Bench 1 FailureMode values → failure tags. "unset"/"none" mean no failure; an
 * installation failure means the agent never ran; other modes keep their name, hyphenated.
 */
const FAILURE_TAGS: Record<string, string | null> = {
  unset: null,
  none: null,
  agent_timeout: "timeout",
  test_timeout: "test-timeout",
  agent_installation_failed: "agent-never-ran",
  fatal_llm_parse_error: "parse-errors",
  parse_error: "test-parse-error",
};

function failureTagsFor(mode: string | null | undefined): string[] {
  if (!mode) return [];
  const key = mode.trim().toLowerCase();
  const tag = key in FAILURE_TAGS ? FAILURE_TAGS[key] : key.replace(/[_\s]+/g, "-");
  return tag ? [tag] : [];
}

function trialTiming(results: Tb1Results, cast: Cast | null, warnings: string[]) {
  const date = (value: string | null | undefined, field: string) => {
    if (!value) return null;
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) {
      warnings.push(`results.json ${field} ${JSON.stringify(value)} is not a date: ignored`);
      return null;
    }
    return parsed;
  };
  let startedAt = date(results.agent_started_at, "agent_started_at");
  let endedAt = date(results.agent_ended_at, "agent_ended_at");
  if ((!startedAt || !endedAt) && cast?.timestamp != null) {
    // The agent's recording spans its session; its header has the start, its last event the end.
    const last = cast.events[cast.events.length - 1]?.time ?? 0;
    startedAt ??= new Date(cast.timestamp * 1000);
    endedAt ??= new Date(Math.round((cast.timestamp + last) * 1000));
    warnings.push("results.json has no agent start/end times: timing taken from sessions/agent.cast");
  }
  const durationMs = startedAt && endedAt && endedAt >= startedAt ? endedAt.getTime() - startedAt.getTime() : null;
  return { startedAt, endedAt, durationMs };
}

/*
 * Installed agents report no usage to the Terminal-Bench 1 harness, which then writes 0 and 0:
 * that is "not recorded", not "free", and is stored as unknown.
 */
function tokenCounts(results: Tb1Results, warnings: string[]) {
  const input = results.total_input_tokens ?? null;
  const output = results.total_output_tokens ?? null;
  if (input === 0 && output === 0) {
    warnings.push("results.json reports 0 input and 0 output tokens (this agent does not report usage to the harness): token counts unknown");
    return { promptTokens: null, completionTokens: null };
  }
  return { promptTokens: input, completionTokens: output };
}

/** `anthropic` from `anthropic/claude-sonnet-4-20250514`; run directories name models without one. */
function providerOf(model: string | null): string | null {
  return model?.includes("/") ? model.split("/")[0] || null : null;
}

/** `terminal-bench-core@0.1.1` when the path names the dataset (as the leaderboard's layout does). */
function taskSource(path: string): string {
  return path.split(/[/\\!]/).find((s) => /^terminal-bench[\w.-]*@[\w.-]+$/.test(s)) ?? "terminal-bench";
}
