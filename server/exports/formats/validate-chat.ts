import { isPlainObject } from "./tool-calls";

/*
 * The chat exports checked as their consumers read them, independently of how they were built:
 * each function returns the problems it finds (none: the record loads). Inputs are `unknown`, as
 * a consumer sees a parsed JSONL line.
 */

const ROLES = new Set(["system", "user", "assistant", "tool"]);

/**
 * OpenAI / TRL messages: a system message only first, then a user message; every tool call has a
 * unique id, type "function", and arguments that are a JSON object (as text, or as an object
 * when `objectArguments`); each call is answered exactly once by a tool message before the next
 * non-tool message; no result answers nothing; `tools` defines every name called.
 */
export function checkOpenAi(record: unknown, { objectArguments = false } = {}): string[] {
  if (!isPlainObject(record) || !Array.isArray(record.messages)) return ["not an object with a messages list"];
  const problems: string[] = [];
  const messages = record.messages as unknown[];
  const called = new Set<string>();
  const ids = new Set<string>();
  let pending: string[] = [];
  const firstNonSystem = messages.findIndex((m) => !isPlainObject(m) || m.role !== "system");
  if (firstNonSystem > 1) problems.push("more than one system message before the conversation");
  if (firstNonSystem === -1 || (messages[firstNonSystem] as { role?: unknown }).role !== "user") problems.push("the first message after the system prompt is not a user message");

  for (const [i, m] of messages.entries()) {
    const at = `messages[${i}]`;
    if (!isPlainObject(m) || typeof m.role !== "string" || !ROLES.has(m.role)) {
      problems.push(`${at}: not a message with a known role`);
      continue;
    }
    if (typeof m.content !== "string") problems.push(`${at}: content is not a string`);
    if (m.role === "system" && i > 0) problems.push(`${at}: a system message after the first position`);
    if (m.role !== "tool" && pending.length) problems.push(`${at}: ${m.role} message before the results of ${pending.join(", ")}`);
    if (m.role === "tool") {
      const at2 = pending.indexOf(String(m.tool_call_id));
      if (at2 === -1) problems.push(`${at}: tool result for ${String(m.tool_call_id)}, which no open call has`);
      else pending.splice(at2, 1);
    }
    if (m.weight !== undefined && (m.role !== "assistant" || (m.weight !== 0 && m.weight !== 1))) problems.push(`${at}: weight ${String(m.weight)} (0 or 1, on assistant messages only)`);
    if (m.tool_calls === undefined) continue;
    if (m.role !== "assistant" || !Array.isArray(m.tool_calls)) {
      problems.push(`${at}: tool_calls on a ${m.role} message`);
      continue;
    }
    pending = [];
    for (const call of m.tool_calls as unknown[]) {
      const fn = isPlainObject(call) && isPlainObject(call.function) ? call.function : undefined;
      if (!isPlainObject(call) || typeof call.id !== "string" || call.type !== "function" || !fn || typeof fn.name !== "string") {
        problems.push(`${at}: a tool call without id, type "function" and a function name`);
        continue;
      }
      if (ids.has(call.id)) problems.push(`${at}: tool call id ${call.id} used twice`);
      ids.add(call.id);
      pending.push(call.id);
      called.add(fn.name);
      if (!argumentsObject(fn.arguments, objectArguments)) problems.push(`${at}: arguments of ${call.id} are not ${objectArguments ? "an object" : "JSON text of an object"}`);
    }
  }
  if (pending.length) problems.push(`calls never answered: ${pending.join(", ")}`);
  if (!messages.some((m) => isPlainObject(m) && m.role === "assistant")) problems.push("no assistant message");
  problems.push(...checkTools(record.tools, called, (t) => (isPlainObject(t) && t.type === "function" ? t.function : undefined)));
  return problems;
}

function argumentsObject(value: unknown, objectArguments: boolean): boolean {
  if (objectArguments) return isPlainObject(value);
  if (typeof value !== "string") return false;
  try {
    return isPlainObject(JSON.parse(value));
  } catch {
    return false;
  }
}

/** Tool definitions: a list of JSON-schema functions with unique names covering every call. */
function checkTools(tools: unknown, called: Set<string>, unwrap: (tool: unknown) => unknown): string[] {
  if (!Array.isArray(tools)) return ["tools is not a list"];
  const problems: string[] = [];
  const names = new Set<string>();
  for (const [i, tool] of tools.entries()) {
    const fn = unwrap(tool);
    const params = isPlainObject(fn) ? fn.parameters : undefined;
    if (!isPlainObject(fn) || typeof fn.name !== "string" || !isPlainObject(params) || params.type !== "object" || !isPlainObject(params.properties)) {
      problems.push(`tools[${i}]: not a function with an object-typed parameters schema`);
      continue;
    }
    if (names.has(fn.name)) problems.push(`tools[${i}]: ${fn.name} defined twice`);
    names.add(fn.name);
  }
  for (const name of called) if (!names.has(name)) problems.push(`tool ${name} is called but not defined in tools`);
  return problems;
}

/** LLaMA-Factory's FunctionFormatter cuts a leading thought out with its thought words first. */
const THOUGHT = /<think>([\s\S]*?)<\/think>/;
const USER_SIDE = new Set(["human", "observation"]);
const ASSISTANT_SIDE = new Set(["gpt", "function_call"]);

/**
 * LLaMA-Factory ShareGPT: human|observation at odd positions (1st, 3rd…), gpt|function_call at
 * even ones, an even count (so starting on human and ending on the assistant); a function_call
 * value, without its thought, is JSON `{"name", "arguments": {…}}`; `system` a string, `tools`
 * JSON text of function schemas covering every call.
 */
export function checkShareGpt(record: unknown): string[] {
  if (!isPlainObject(record) || !Array.isArray(record.conversations)) return ["not an object with a conversations list"];
  const problems: string[] = [];
  const turns = record.conversations as unknown[];
  const called = new Set<string>();
  if (turns.length < 2 || turns.length % 2 !== 0) problems.push(`${turns.length} turns (LLaMA-Factory needs an even number, at least 2)`);
  for (const [i, t] of turns.entries()) {
    const at = `conversations[${i}]`;
    if (!isPlainObject(t) || typeof t.from !== "string" || typeof t.value !== "string") {
      problems.push(`${at}: not a {from, value} turn with text`);
      continue;
    }
    const allowed = i % 2 === 0 ? USER_SIDE : ASSISTANT_SIDE;
    if (!allowed.has(t.from)) problems.push(`${at}: ${t.from} at position ${i + 1} (expected ${[...allowed].join(" or ")})`);
    if (i === 0 && t.from !== "human") problems.push(`${at}: the conversation starts with ${t.from}, not human`);
    if (t.from === "observation" && (turns[i - 1] as { from?: unknown } | undefined)?.from !== "function_call") problems.push(`${at}: an observation that follows no function_call`);
    if (t.from !== "function_call") continue;
    try {
      const call = JSON.parse(t.value.replace(THOUGHT, "")) as unknown;
      if (!isPlainObject(call) || typeof call.name !== "string" || !isPlainObject(call.arguments)) problems.push(`${at}: function_call is not {"name", "arguments": {…}}`);
      else called.add(call.name);
    } catch {
      problems.push(`${at}: function_call value is not JSON`);
    }
  }
  if (typeof record.system !== "string") problems.push("system is not a string");
  let tools: unknown;
  try {
    tools = typeof record.tools === "string" ? JSON.parse(record.tools) : undefined;
  } catch {
    tools = undefined;
  }
  problems.push(...(tools === undefined ? ["tools is not JSON text"] : checkTools(tools, called, (tool) => tool)));
  return problems;
}

/**
 * axolotl chat_template with `message_field_training: train`: the OpenAI rules, plus a boolean
 * `train` on every message — never on system or user messages, on tool results exactly when
 * observations are not masked.
 */
export function checkAxolotl(record: unknown, { maskObservations = false } = {}): string[] {
  const problems = checkOpenAi(record);
  const messages = isPlainObject(record) && Array.isArray(record.messages) ? (record.messages as unknown[]) : [];
  for (const [i, m] of messages.entries()) {
    if (!isPlainObject(m)) continue;
    if (typeof m.train !== "boolean") problems.push(`messages[${i}]: train is not a boolean`);
    else if ((m.role === "system" || m.role === "user") && m.train) problems.push(`messages[${i}]: a ${m.role} message is trained on`);
    else if (m.role === "tool" && m.train === maskObservations) problems.push(`messages[${i}]: tool result train=${m.train} with maskObservations=${maskObservations}`);
  }
  return problems;
}
