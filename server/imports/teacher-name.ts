import type { AgentInput } from "../agents/upsert-agent";

/**
 * A teacher is a harness driving a model: terminus-2 on deepseek-v3.2 and terminus-2 on
 * claude-opus-4.6 are different teachers. Importers report the harness as the agent name; the
 * stored name adds the model (`terminus-2/deepseek-v3.2`) and "openai/gpt-4o" gives its provider.
 */
export function teacherOf(agent: AgentInput, override?: string): AgentInput {
  const [prefix, rest] = splitProvider(agent.model ?? null);
  const provider = agent.provider ?? prefix;
  if (override) return { ...agent, name: override, provider };
  const short = rest ?? agent.model;
  const name = short && !agent.name.includes(short) ? `${agent.name}/${short}` : agent.name;
  return { ...agent, name, provider, harness: agent.harness ?? agent.name };
}

function splitProvider(model: string | null): [string | null, string | null] {
  if (!model) return [null, null];
  const slash = model.indexOf("/");
  return slash > 0 ? [model.slice(0, slash), model.slice(slash + 1)] : [null, model];
}
