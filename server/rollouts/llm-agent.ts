import type { Agent, AgentOutcome, AgentStep, LlmAgentConfig } from "./rollout-agents";
import { type ChatMessage, type ChatUsage, chatCompletion } from "./chat-client";
import type { CommandResult } from "./shell-session";
import { parseErrorPrompt, parseReply, systemPrompt, taskPrompt } from "./terminus-protocol";

const DEFAULT_MAX_TURNS = 50;
const DEFAULT_MAX_PARSE_ERRORS = 3;
/** A zero duration would read the terminal before the command's echo arrived. */
const MIN_WAIT_MS = 100;

/**
 * The Terminus loop: the model replies with JSON commands, we type them into the shell (waiting
 * at most each command's duration, without interrupting it), and send back what the terminal
 * showed. Ends on task_complete, the turn limit, too many parse errors in a row, the deadline, or
 * an endpoint error; each way is a failure tag, so a stopped run is still stored and judged.
 */
export function llmAgent(config: LlmAgentConfig): Agent {
  // Read when the agent is made, so a missing key fails before any image is built or container started.
  const apiKey = readApiKey(config);
  return async ({ session, instruction, deadline }) => {
    const outcome: AgentOutcome = { steps: [], failureTags: [], warnings: [], usage: { promptTokens: 0, completionTokens: 0, cachedTokens: 0 } };
    const messages: ChatMessage[] = [
      { role: "system", content: systemPrompt() },
      { role: "user", content: taskPrompt(instruction) },
    ];
    const maxTurns = config.maxTurns ?? DEFAULT_MAX_TURNS;
    const maxParseErrors = config.maxParseErrors ?? DEFAULT_MAX_PARSE_ERRORS;
    let parseErrors = 0;
    let inARow = 0;
    let complete = false;
    let turn = 0;
    for (; turn < maxTurns && !complete; turn++) {
      if (Date.now() >= deadline) break;
      let content: string;
      try {
        const reply = await chatCompletion(config, apiKey, messages, deadline);
        content = reply.content;
        addUsage(outcome, reply.usage);
      } catch (error) {
        if (Date.now() >= deadline) break;
        outcome.failureTags.push("agent-error");
        outcome.warnings.push(`turn ${turn + 1}: ${(error as Error).message}`);
        return finish(outcome, parseErrors);
      }
      messages.push({ role: "assistant", content });
      const parsed = parseReply(content);
      if (!parsed.ok) {
        parseErrors++;
        outcome.warnings.push(`turn ${turn + 1}: ${parsed.error}`);
        if (++inARow >= maxParseErrors) break;
        messages.push({ role: "user", content: parseErrorPrompt(parsed.error) });
        continue;
      }
      inARow = 0;
      const { analysis, plan, commands, task_complete } = parsed.reply;
      const thought = [analysis, plan].map((s) => s.trim()).filter(Boolean).join("\n\n");
      const results: CommandResult[] = [];
      for (const command of commands) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        const result = await session.run(command.keystrokes, Math.min(left, Math.max(MIN_WAIT_MS, command.duration * 1000)), { interrupt: false });
        outcome.steps.push(results.length === 0 && thought ? { ...result, thought } : result);
        results.push(result);
      }
      // A turn without commands (often the final "done") keeps its reasoning as a step of its own.
      if (commands.length === 0 && thought) outcome.steps.push(thoughtStep(thought, session.recorder.now()));
      complete = task_complete;
      if (!complete) messages.push({ role: "user", content: observation(results) });
    }
    if (!complete) {
      if (Date.now() >= deadline) outcome.failureTags.push("timeout");
      else if (inARow >= maxParseErrors) outcome.warnings.push(`stopped after ${inARow} unparseable replies in a row`);
      else if (turn >= maxTurns) outcome.failureTags.push("limits-exceeded");
    }
    return finish(outcome, parseErrors);
  };
}

/** The key from the env variable the config names; the config itself never holds it. */
function readApiKey(config: LlmAgentConfig): string | undefined {
  if (!config.apiKeyEnv) return undefined;
  const key = process.env[config.apiKeyEnv];
  if (!key) throw new Error(`The LLM agent's API key variable ${config.apiKeyEnv} is not set.`);
  return key;
}

function addUsage(outcome: AgentOutcome, usage: ChatUsage | undefined) {
  if (!usage || !outcome.usage) return;
  outcome.usage.promptTokens += usage.prompt_tokens ?? 0;
  outcome.usage.completionTokens += usage.completion_tokens ?? 0;
  outcome.usage.cachedTokens += usage.prompt_tokens_details?.cached_tokens ?? 0;
}

function finish(outcome: AgentOutcome, parseErrors: number): AgentOutcome {
  if (parseErrors) {
    outcome.failureTags.push("parse-errors");
    outcome.warnings.push(`${parseErrors} model replies could not be parsed`);
  }
  return outcome;
}

function thoughtStep(thought: string, offset: number): AgentStep {
  return { thought, startedAt: new Date(), offset };
}

/** What the terminal showed during the turn, command by command, as the next user message. */
function observation(results: CommandResult[]): string {
  if (results.length === 0) return "No commands were sent. The terminal is unchanged.";
  return results
    .map((r) => {
      const still = r.timedOut ? `\n[still running after ${(r.durationMs / 1000).toFixed(1)} s]` : "";
      return `$ ${r.keystrokes.replace(/\n$/, "")}\n${r.output}${still}`;
    })
    .join("\n");
}
