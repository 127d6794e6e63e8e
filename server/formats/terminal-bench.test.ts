import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TrajectoryInput } from "../trajectories/trajectory-input";
import { agentFromLaunchCommand, agentFromRunPath } from "./tb1-agent-name";
import { keysToText, parsePythonStringList, readTb1Commands } from "./tb1-commands";
import { terminalBenchTrialImporter as importer } from "./terminal-bench";
import { SourceError, type FileLookup, type NormalizedTrajectory, type VirtualFile } from "./types";

const SAMPLES = path.resolve(process.cwd(), "../shared/samples");
const HAVE_SAMPLES = fs.existsSync(SAMPLES);

/** A FileLookup over every file below `root`, with `rel` relative to `root` (as the import walker gives them). */
function diskLookup(root: string): FileLookup {
  const files = new Map<string, VirtualFile>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else {
        const rel = path.relative(root, abs).split(path.sep).join("/");
        files.set(rel, { path: abs, rel, size: fs.statSync(abs).size, read: () => fs.promises.readFile(abs) });
      }
    }
  };
  walk(root);
  return { get: (rel) => files.get(rel), under: (dir) => [...files.values()].filter((f) => f.rel.startsWith(`${dir}/`)) };
}

/** A FileLookup over files held in memory: `{ "trial/results.json": "{…}" }`. */
function memoryLookup(contents: Record<string, string | Buffer>): FileLookup {
  const files = new Map(
    Object.entries(contents).map(([rel, content]): [string, VirtualFile] => {
      const bytes = typeof content === "string" ? Buffer.from(content) : content;
      return [rel, { path: `/imports/${rel}`, rel, size: bytes.length, read: async () => bytes }];
    }),
  );
  return { get: (rel) => files.get(rel), under: (dir) => [...files.values()].filter((f) => f.rel.startsWith(`${dir}/`)) };
}

const RUNS = "tb1-runs";
const TRIALS = {
  openhandsHello: `${RUNS}/20250711_openhands_claude-4-sonnet/openhands-sonnet/hello-world/hello-world.1-of-1.openhands-sonnet`,
  openhandsFix: `${RUNS}/20250711_openhands_claude-4-sonnet/openhands-sonnet/fix-permissions/fix-permissions.1-of-1.openhands-sonnet`,
  miniHello: `${RUNS}/20250825_swe-agent-mini_claude-4-sonnet/2025-08-07__20-46-16/hello-world/hello-world.1-of-1.2025-08-07__20-46-16`,
  miniFix: `${RUNS}/20250825_swe-agent-mini_claude-4-sonnet/2025-08-07__20-46-16/fix-permissions/fix-permissions.1-of-1.2025-08-07__20-46-16`,
  orchestratorHello: `${RUNS}/20250902_orchestrator_qwen-3-coder-480B/hello-world/hello-world.1-of-5`,
  orchestratorFix: `${RUNS}/20250902_orchestrator_qwen-3-coder-480B/fix-permissions/fix-permissions.1-of-5`,
};
const HELLO = 'Create a file called hello.txt in the current directory. Write "Hello, world!" to it. Make sure it ends in a newline. Don\'t make any other files or folders.';
const FIX = "A script called 'process_data.sh' in the current directory won't run. Figure out what's wrong and fix it so the script can run successfully.";
const TESTS_NOTE = "sessions/tests.cast is the verifier's session, not the agent's: not imported as steps";
const ZERO_TOKENS = "results.json reports 0 input and 0 output tokens (this agent does not report usage to the harness): token counts unknown";

describe("terminalBenchTrialImporter.claims", () => {
  it("claims a trial directory (results.json and sessions/), not a run directory or a Harbor trial", () => {
    expect(importer.claims(new Set(["results.json", "sessions/", "panes/", "commands.txt"]))).toBe(true);
    // A TB1 run directory: its results.json repeats the trials in a `results` array, and it has no sessions/.
    expect(importer.claims(new Set(["results.json", "run_metadata.json", "tb.lock", "run.log", "hello-world/", "fix-permissions/"]))).toBe(false);
    expect(importer.claims(new Set(["result.json", "agent/", "verifier/"]))).toBe(false);
    expect(importer.claims(new Set(["sessions/", "commands.txt"]))).toBe(false);
  });
});

describe("agent names of Terminal-Bench 1 runs", () => {
  it("reads <date>_<agent>_<model> from the run directory above the trial", () => {
    expect(agentFromRunPath(TRIALS.openhandsHello)).toEqual({ name: "openhands", model: "claude-4-sonnet" });
    expect(agentFromRunPath(`/data/${TRIALS.miniFix}`)).toEqual({ name: "mini-swe-agent", model: "claude-4-sonnet" });
    expect(agentFromRunPath(`runs.zip!${TRIALS.orchestratorHello}`)).toEqual({ name: "orchestrator", model: "qwen-3-coder-480B" });
    expect(agentFromRunPath("C:\\runs\\20250601_terminus\\hello-world\\hello-world.1-of-1")).toEqual({ name: "terminus", model: null });
    expect(agentFromRunPath("runs/2025-08-07__20-46-16/hello-world/hello-world.1-of-1")).toBeNull();
  });

  it("falls back to the command that launched an installed agent", () => {
    expect(agentFromLaunchCommand("mini -m anthropic/claude-sonnet-4-20250514 -t 'x' -y --exit-immediately")).toEqual({ name: "mini-swe-agent", model: "anthropic/claude-sonnet-4-20250514" });
    expect(agentFromLaunchCommand("openhands --max-budget-per-task 10 --max-iterations 100 --task 'x'")).toEqual({ name: "openhands", model: null });
    expect(agentFromLaunchCommand("ls -la")).toBeNull();
  });
});

describe("commands.txt", () => {
  it("parses Python list reprs, with either quote and escapes", () => {
    expect(parsePythonStringList("['clear', 'Enter']")).toEqual(["clear", "Enter"]);
    expect(parsePythonStringList(`["source x && echo 'OK'", 'Enter']`)).toEqual(["source x && echo 'OK'", "Enter"]);
    expect(parsePythonStringList(String.raw`['it\'s', 'a\\b', 'tab\there', '\x41\u00e9']`)).toEqual(["it's", "a\\b", "tab\there", "Aé"]);
    expect(parsePythonStringList("['C-d']")).toEqual(["C-d"]);
    expect(parsePythonStringList("[]")).toEqual([]);
    expect(parsePythonStringList("['unterminated]")).toBeNull();
    expect(parsePythonStringList("clear Enter")).toBeNull();
    expect(keysToText(["bash ", "/tests/run-tests.sh", "Enter"])).toBe("bash /tests/run-tests.sh\r");
    expect(keysToText(["C-c"])).toBe("\u0003");
  });

  it("tells the harness's keys from a tmux-driven agent's", () => {
    const tmuxAgent = readTb1Commands(
      [
        "['asciinema rec --stdin /logs/agent.cast', 'Enter']",
        "['clear', 'Enter']",
        "['ls -la', 'Enter']",
        "['clear', 'Enter']",
        "['C-c']",
        "not a list",
        "['asciinema rec --stdin /logs/tests.cast', 'Enter']",
        "['bash ', '/tests/run-tests.sh', 'Enter']",
        "['C-d']",
      ].join("\n"),
    );
    expect(tmuxAgent).toMatchObject({ installed: false, launches: [] });
    expect(tmuxAgent.agentCommands).toEqual([
      { command: "ls -la", keystrokes: "ls -la\r" },
      { command: "clear", keystrokes: "clear\r" }, // only the first clear is the harness's
      { command: "\u0003", keystrokes: "\u0003" },
    ]);
    expect(tmuxAgent.warnings).toEqual(["commands.txt: 1 line(s) are not a list of key strings (first: line 6); they were skipped"]);
  });
});

describe.skipIf(!HAVE_SAMPLES)(HAVE_SAMPLES ? "Terminal-Bench 1 sample trials" : "Terminal-Bench 1 sample trials — SKIPPED: ../shared/samples not found next to the repo", () => {
  const files = HAVE_SAMPLES ? diskLookup(SAMPLES) : memoryLookup({});
  const parseTrial = async (rel: string): Promise<NormalizedTrajectory> => {
    const result = await importer.parse({ rel, path: path.join(SAMPLES, rel) }, files);
    expect(result.trajectories).toHaveLength(1);
    const t = result.trajectories[0]!;
    // Valid for the database as it is.
    expect(TrajectoryInput.safeParse({ ...t, sourceFormat: importer.format, sourceHash: "0".repeat(64), importWarnings: t.warnings }).success).toBe(true);
    return t;
  };

  it("OpenHands hello-world: resolved, agent from the run directory, no steps to be had from its console", async () => {
    const t = await parseTrial(TRIALS.openhandsHello);
    expect(t).toMatchObject({
      agent: { name: "openhands", model: "claude-4-sonnet", harness: "terminal-bench", provider: null },
      task: { name: "hello-world", instruction: HELLO, source: "terminal-bench" },
      sessionId: "7d120d66-da55-4136-b73e-fbe8f2c152b4",
      resolved: true,
      reward: 1,
      promptTokens: null,
      completionTokens: null,
      startedAt: new Date("2025-07-11T22:22:31.332160Z"),
      endedAt: new Date("2025-07-11T22:24:08.575768Z"),
      durationMs: 97243,
      steps: [],
      failureTags: [],
    });
    expect(t.recording).toBe(fs.readFileSync(path.join(SAMPLES, TRIALS.openhandsHello, "sessions/agent.cast"), "utf8"));
    expect(t.warnings).toEqual([
      TESTS_NOTE,
      "3 harness command(s) left out of the steps (clear, env, install)",
      "the installed agent printed no transcript this importer can read (80 line(s) of console output): its commands ran in its own processes and are not in the recording; zero steps, the recording is kept for replay",
      ZERO_TOKENS,
    ]);
  });

  it("OpenHands fix-permissions: resolved, zero steps, tokens unknown", async () => {
    const t = await parseTrial(TRIALS.openhandsFix);
    expect(t).toMatchObject({
      agent: { name: "openhands", model: "claude-4-sonnet" },
      task: { name: "fix-permissions", instruction: FIX },
      resolved: true,
      reward: 1,
      promptTokens: null,
      durationMs: 100192,
      steps: [],
      failureTags: [],
    });
    expect(t.warnings).toContain(ZERO_TOKENS);
  });

  it("mini-swe-agent hello-world: 4 steps recovered from its console transcript", async () => {
    const t = await parseTrial(TRIALS.miniHello);
    expect(t).toMatchObject({
      agent: { name: "mini-swe-agent", model: "claude-4-sonnet" },
      task: { name: "hello-world", instruction: HELLO },
      sessionId: "e1923072-1b9d-4b81-b12d-033a341cec04",
      resolved: true,
      reward: 1,
      promptTokens: null,
      completionTokens: null,
      failureTags: ["timeout"], // failure_mode agent_timeout, though the tests passed
    });
    expect(t.steps.map((s) => [s.action, s.observation, s.exitCode, s.toolName])).toEqual([
      ['echo "Hello, world!" > hello.txt', "", 0, "bash"],
      ["cat hello.txt", "Hello, world!", 0, "bash"],
      ["ls -la hello.txt", "-rw-r--r-- 1 root root 14 Aug  8 06:50 hello.txt", 0, "bash"],
      ["echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT", null, null, "submit"],
    ]);
    // Lines the console wrapped at 160 columns are joined again (the space at the edge was dropped).
    expect(t.steps[0]!.thought).toBe(
      'I need to create a file called "hello.txt" in the current directory with the content "Hello, world!" followed by a newline. This is a straightforward task that can be accomplished with a simple echo command redirected to the file.',
    );
    expect(t.steps[3]!.thought).toContain("The task has been completed as requested");
    expect(t.steps.map((s) => s.recordingOffset)).toEqual([561.761317, 564.358526, 567.530621, 570.632568]);
    expect(t.steps[0]!.startedAt).toEqual(new Date(Math.round((1754635280 + 561.761317) * 1000)));
    expect(t.warnings).toEqual([
      "sessions/agent.cast: 6 event(s) from line 1747 on are up to 1.017 s earlier than the event before (recorder clock jitter): kept in file order, times raised to stay monotonic",
      TESTS_NOTE,
      "3 harness command(s) left out of the steps (clear, env, install)",
      "no structured steps: 4 step(s) recovered from mini-swe-agent's console transcript in the recording (thought, command, output, exit code)",
    ]);
  });

  it("mini-swe-agent fix-permissions: the agent never ran (command not found), zero steps", async () => {
    const t = await parseTrial(TRIALS.miniFix);
    expect(t).toMatchObject({
      agent: { name: "mini-swe-agent", model: "claude-4-sonnet" },
      task: { name: "fix-permissions" },
      resolved: false,
      reward: 0,
      steps: [],
      failureTags: ["agent-never-ran"],
      durationMs: 315794,
    });
    expect(t.warnings).toEqual([TESTS_NOTE, "3 harness command(s) left out of the steps (clear, env, install)", 'the agent never ran: its launch printed "bash: mini: command not found"; zero steps', ZERO_TOKENS]);
  });

  it("orchestrator trials: tokens kept, timing from the recording, no commands typed into the terminal", async () => {
    const hello = await parseTrial(TRIALS.orchestratorHello);
    expect(hello).toMatchObject({
      agent: { name: "orchestrator", model: "qwen-3-coder-480B" },
      task: { name: "hello-world", instruction: HELLO },
      sessionId: "e9b293a1-64fd-40f4-9d54-29ae905e1e7e",
      resolved: true,
      reward: 1,
      promptTokens: 13373,
      completionTokens: 448,
      startedAt: new Date(1756729307 * 1000),
      durationMs: 35402,
      steps: [],
      failureTags: [],
    });
    expect(hello.warnings).toEqual([
      TESTS_NOTE,
      "1 harness command(s) left out of the steps (clear)",
      "the agent typed nothing into the recorded terminal (neither the recording nor commands.txt shows a command of its own): zero steps",
      "results.json has no agent start/end times: timing taken from sessions/agent.cast",
    ]);
    const fix = await parseTrial(TRIALS.orchestratorFix);
    expect(fix).toMatchObject({ task: { name: "fix-permissions" }, resolved: true, promptTokens: 24065, completionTokens: 1936, steps: [], failureTags: [], durationMs: 58988 });
  });
});

describe("terminalBenchTrialImporter on hand-built trials", () => {
  const results = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ trial_name: "t.1-of-1", task_id: "make-file", instruction: "Make a file.", is_resolved: false, failure_mode: "unset", total_input_tokens: 120, total_output_tokens: 30, ...extra });
  const cast = (...events: unknown[]) => [JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1700000000 }), ...events.map((e) => JSON.stringify(e))].join("\n") + "\n";
  const trial = "20250101_terminus_gpt-4o/run-1/make-file/make-file.1-of-1";
  const parse = async (contents: Record<string, string | Buffer>) =>
    (await importer.parse({ rel: trial, path: `/imports/${trial}` }, memoryLookup(Object.fromEntries(Object.entries(contents).map(([k, v]) => [`${trial}/${k}`, v]))))).trajectories[0]!;

  it("a tmux-driven agent: its typed commands are the steps, the harness's clear is not", async () => {
    const t = await parse({
      "results.json": results({ is_resolved: true, failure_mode: "agent_timeout" }),
      "sessions/": "",
      "sessions/agent.cast": cast(
        [0.1, "o", "root@c0ffee:/app# "],
        [0.2, "i", "clear\r"],
        [0.21, "o", "clear\r\n\u001b[H\u001b[J\u001b[3Jroot@c0ffee:/app# "],
        [1.0, "i", "ls -la; tmux wait -S done\r"],
        [1.01, "o", "ls -la; tmux wait -S done\r\ntotal 0\r\nroot@c0ffee:/app# "],
        [2.0, "i", "echo hi > f.txt; tmux wait -S done\r"],
        [2.01, "o", "echo hi > f.txt; tmux wait -S done\r\nroot@c0ffee:/app# "],
        [3.0, "i", "\u0004"],
      ),
      "commands.txt": ["['asciinema rec --stdin /logs/agent.cast', 'Enter']", "['clear', 'Enter']", "['ls -la', 'Enter']", "['echo hi > f.txt', 'Enter']", "['C-d']"].join("\n"),
    });
    expect(t.agent).toEqual({ name: "terminus", model: "gpt-4o", harness: "terminal-bench", provider: null });
    expect(t.steps.map((s) => [s.action, s.observation, s.recordingOffset])).toEqual([
      ["ls -la", "total 0", 1.0],
      ["echo hi > f.txt", "", 2.0],
    ]);
    expect(t).toMatchObject({ resolved: true, reward: 1, promptTokens: 120, completionTokens: 30, failureTags: ["timeout"], startedAt: new Date(1700000000000), durationMs: 3000 });
    expect(t.warnings).toEqual([
      "1 harness command(s) left out of the steps (clear)",
      "no structured steps: 2 command(s) segmented from the recording (input events)",
      "results.json has no agent start/end times: timing taken from sessions/agent.cast",
    ]);
  });

  it("recovers commands from commands.txt when the recording has none, and says so", async () => {
    const t = await parse({
      "results.json": results(),
      "sessions/agent.cast": cast([0.1, "o", "some output without a prompt\r\n"]),
      "commands.txt": ["['asciinema rec --stdin /logs/agent.cast', 'Enter']", "['clear', 'Enter']", "['cat notes.txt', 'Enter']", "['C-d']"].join("\n"),
    });
    expect(t.steps).toEqual([{ source: "agent", action: "cat notes.txt", keystrokes: "cat notes.txt\r", observation: null }]);
    expect(t.warnings).toContain("the recording shows no agent commands: 1 recovered from commands.txt (no output, no timing)");
  });

  it("cross-checks the recording against commands.txt", async () => {
    const t = await parse({
      "results.json": results(),
      "sessions/agent.cast": cast([0.1, "o", "$ "], [1, "i", "pwd\r"], [1.1, "o", "pwd\r\n/app\r\n$ "]),
      "commands.txt": ["['asciinema rec --stdin /logs/agent.cast', 'Enter']", "['pwd', 'Enter']", "['ls', 'Enter']"].join("\n"),
    });
    expect(t.steps.map((s) => s.action)).toEqual(["pwd"]);
    expect(t.warnings).toContain("commands.txt lists 2 agent command(s) but the recording shows 1: the recording's are used");
  });

  it("keeps the outcome when the recording is missing or unreadable", async () => {
    const missing = await parse({ "results.json": results({ is_resolved: null }) });
    expect(missing).toMatchObject({ steps: [], recording: null, resolved: null, reward: null, task: { name: "make-file" } });
    expect(missing.warnings).toEqual(["no sessions/agent.cast: the agent's session was not recorded, so there are no steps", "results.json has no is_resolved: outcome unknown"]);

    const broken = await parse({ "results.json": results(), "sessions/agent.cast": '{"version": 2, "width": 80, "height": 24}\n[1, "o", "x"]\n[-1, "o", "y"]\n' });
    expect(broken).toMatchObject({ steps: [], recording: null, resolved: false, reward: 0 });
    expect(broken.warnings[0]).toBe(
      `sessions/agent.cast could not be read (/imports/${trial}/sessions/agent.cast (line 3): the event time -1 is negative): no steps, no recording`,
    );
  });

  it("goes on without an unreadable commands.txt, saying so", async () => {
    const t = await parse({ "results.json": results(), "commands.txt": "" });
    expect(t.warnings).toContain(`commands.txt could not be read (/imports/${trial}/commands.txt: the file is empty): not used`);
  });

  it("tags an installation failure as agent-never-ran", async () => {
    const t = await parse({ "results.json": results({ failure_mode: "agent_installation_failed" }) });
    expect(t.failureTags).toEqual(["agent-never-ran"]);
  });

  it("rejects a results.json without a task, naming the file and field", async () => {
    const error = await importer.parse({ rel: trial, path: `/imports/${trial}` }, memoryLookup({ [`${trial}/results.json`]: JSON.stringify({ trial_name: "x" }) })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toMatch(/^\/imports\/.*\/results\.json \(at task_id\): not a valid Terminal-Bench results\.json: /);
  });

  it("refuses a run-level results.json (it repeats the trials) instead of importing it as a trial", async () => {
    const run = JSON.stringify({ id: "run-1", results: [JSON.parse(results())], n_resolved: 0, n_unresolved: 1, accuracy: 0 });
    const error = await importer.parse({ rel: "run", path: "/imports/run" }, memoryLookup({ "run/results.json": run })).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as SourceError).problem).toMatch(/^this is a run's results\.json \(it lists the trials\)/);
  });
});
