/*
 * Which agent ran a Terminal-Bench 1 trial. A trial's own files do not say: results.json has
 * the task and the outcome, not the agent. Two places do:
 *
 * 1. The run directory. The Terminal-Bench leaderboard stores each submission as
 *    `<YYYYMMDD>_<agent>_<model>/` above the runs and trials, e.g.
 *      20250711_openhands_claude-4-sonnet/openhands-sonnet/hello-world/hello-world.1-of-1.openhands-sonnet/
 *      20250825_swe-agent-mini_claude-4-sonnet/2025-08-07__20-46-16/fix-permissions/…
 *      20250902_orchestrator_qwen-3-coder-480B/hello-world/hello-world.1-of-5/
 *    Agent and model names use hyphens, so the first `_` after the date separates them.
 * 2. The command the harness typed to launch an installed agent (`mini -m … -t …`,
 *    `openhands --task …`), seen in commands.txt or the recording.
 */

export type Tb1Agent = { name: string; model: string | null };

/** Names used in run directories → the agent's usual name. */
const ALIASES: Record<string, string> = {
  "swe-agent-mini": "mini-swe-agent",
  "mini-swe": "mini-swe-agent",
  "mini-swe-agent": "mini-swe-agent",
  "open-hands": "openhands",
};

const RUN_DIR = /^(\d{8})_([^_]+)(?:_(.+))?$/;

/**
 * The agent and model named by the nearest `<date>_<agent>_<model>` directory above the trial
 * (path separators `/`, `\` and the `!` of archive paths), or null if there is none.
 */
export function agentFromRunPath(trialPath: string): Tb1Agent | null {
  const segments = trialPath.split(/[/\\!]/).filter(Boolean).reverse();
  for (const segment of segments) {
    const match = RUN_DIR.exec(segment);
    if (!match) continue;
    const agent = match[2]!;
    return { name: ALIASES[agent.toLowerCase()] ?? agent, model: match[3] ?? null };
  }
  return null;
}

/** Launch commands of installed agents → agent name (model from `-m`/`--model` when given). */
const LAUNCHERS: [RegExp, string][] = [
  [/^mini(?:-swe-agent)?$/, "mini-swe-agent"],
  [/^openhands$/, "openhands"],
  [/^claude$/, "claude-code"],
  [/^codex$/, "codex"],
  [/^aider$/, "aider"],
  [/^goose$/, "goose"],
  [/^gemini$/, "gemini-cli"],
  [/^opencode$/, "opencode"],
];

export function agentFromLaunchCommand(command: string): Tb1Agent | null {
  const program = /^\s*(?:\S+=\S*\s+)*(\S+)/.exec(command)?.[1]?.split("/").pop() ?? "";
  const known = LAUNCHERS.find(([pattern]) => pattern.test(program));
  if (!known) return null;
  const model = /(?:^|\s)(?:-m|--model)[= ]\s*['"]?([^\s'"]+)/.exec(command)?.[1] ?? null;
  return { name: known[1], model };
}
