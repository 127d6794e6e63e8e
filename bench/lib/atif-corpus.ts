import fs from "node:fs";
import path from "node:path";

/**
 * Writes `count` realistic ATIF trajectories of `steps` agent steps each (a Terminus-2 session:
 * look, edit, run, check), every file distinct so none deduplicates. Returns the total bytes.
 */
export function writeAtifCorpus(dir: string, count: number, steps: number, teachers = 4): number {
  fs.mkdirSync(dir, { recursive: true });
  const commands = ["ls -la", "cat config.yaml", "sed -i 's/debug: true/debug: false/' config.yaml", "python3 -m pytest -q tests/", "git diff", "grep -rn TODO src/"];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const doc = {
      schema_version: "ATIF-v1.7",
      session_id: `bench-${i}`,
      agent: { name: "terminus-2", version: "2.0.3", model_name: `provider/model-${i % teachers}` },
      steps: [
        { step_id: 1, source: "user", message: `Task Description:\nFix the service configuration (variant ${i}).\n\nCurrent terminal state:\nroot@box:/app# ` },
        ...Array.from({ length: steps }, (_, s) => {
          const command = `${commands[s % commands.length]} # ${i}-${s}`;
          return {
            step_id: s + 2,
            timestamp: new Date(Date.UTC(2026, 10, 1, 0, 0, s)).toISOString(),
            source: "agent",
            model_name: `model-${i % teachers}`,
            message: `Analysis: step ${s} of the session; the previous output shows the state.\nPlan: run the next command and check its result.`,
            tool_calls: [{ tool_call_id: `call_${s}`, function_name: "bash_command", arguments: { keystrokes: `${command}\n`, duration: 0.5 } }],
            observation: { results: [{ content: `New Terminal Output:\n\nroot@box:/app# ${command}\n${"output line of the command\n".repeat(6)}` }] },
            metrics: { prompt_tokens: 1200 + s * 40, completion_tokens: 80, cost_usd: 0.0004 },
          };
        }),
      ],
      final_metrics: { total_prompt_tokens: 1200 * steps, total_completion_tokens: 80 * steps, total_cost_usd: 0.0004 * steps },
    };
    const text = JSON.stringify(doc);
    bytes += text.length;
    fs.writeFileSync(path.join(dir, `task-${i % 97}__${i}.trajectory.json`), text);
  }
  return bytes;
}
