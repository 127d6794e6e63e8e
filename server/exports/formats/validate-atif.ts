import { AtifDocument } from "../../formats/atif-schema";
import { isPlainObject } from "./tool-calls";

/*
 * An ATIF document checked as its two readers take it: our importer's schema
 * (server/formats/atif-schema.ts), and the stricter rules of Harbor's validator as its RFC states
 * them (docs/rfcs/0001-trajectory-format.md: required fields, no unknown keys, step ids counting
 * from 1, agent-only fields on agent steps only, argument objects, results naming a call of
 * their own step). Returns the problems found; none means both accept it.
 */

const ROOT = new Set(["schema_version", "session_id", "agent", "steps", "notes", "final_metrics", "extra"]);
const AGENT = new Set(["name", "version", "model_name", "extra"]);
const STEP = new Set([
  "step_id",
  "timestamp",
  "source",
  "model_name",
  "reasoning_effort",
  "message",
  "reasoning_content",
  "tool_calls",
  "observation",
  "metrics",
  "extra",
  "is_copied_context",
  "llm_call_count",
]);
const AGENT_ONLY = ["model_name", "reasoning_effort", "reasoning_content", "tool_calls", "metrics", "is_copied_context", "llm_call_count"];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function checkAtif(doc: unknown): string[] {
  const parsed = AtifDocument.safeParse(doc);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `importer schema: ${i.path.join(".")}: ${i.message}`);
  if (!isPlainObject(doc)) return [...problems, "not an object"];
  problems.push(...unknownKeys(doc, ROOT, "trajectory"));
  if (typeof doc.session_id !== "string") problems.push("session_id: required string");
  const agent = doc.agent;
  if (!isPlainObject(agent) || typeof agent.name !== "string" || typeof agent.version !== "string") problems.push("agent: name and version are required strings");
  else problems.push(...unknownKeys(agent, AGENT, "agent"));
  const steps = Array.isArray(doc.steps) ? (doc.steps as unknown[]) : [];
  if (steps.length === 0) problems.push("steps: required, at least one");
  for (const [i, step] of steps.entries()) problems.push(...checkStep(step, i));
  return problems;
}

function checkStep(step: unknown, i: number): string[] {
  const at = `steps[${i}]`;
  if (!isPlainObject(step)) return [`${at}: not an object`];
  const problems = unknownKeys(step, STEP, at);
  if (step.step_id !== i + 1) problems.push(`${at}.step_id: expected ${i + 1}`);
  if (typeof step.message !== "string" && !Array.isArray(step.message)) problems.push(`${at}.message: required`);
  if (step.timestamp !== undefined && (typeof step.timestamp !== "string" || !ISO_8601.test(step.timestamp))) problems.push(`${at}.timestamp: not ISO 8601`);
  if (step.source !== "agent") {
    for (const key of AGENT_ONLY) if (key in step) problems.push(`${at}.${key}: agent-only`);
  }
  const callIds = new Set<string>();
  for (const [j, call] of (Array.isArray(step.tool_calls) ? step.tool_calls : []).entries()) {
    if (!isPlainObject(call) || typeof call.tool_call_id !== "string" || typeof call.function_name !== "string") problems.push(`${at}.tool_calls[${j}]: tool_call_id and function_name required`);
    else if (!isPlainObject(call.arguments)) problems.push(`${at}.tool_calls[${j}].arguments: required dict`);
    else callIds.add(call.tool_call_id);
  }
  const results = isPlainObject(step.observation) && Array.isArray(step.observation.results) ? step.observation.results : [];
  for (const result of results) {
    const source = isPlainObject(result) ? result.source_call_id : undefined;
    if (typeof source === "string" && !callIds.has(source)) problems.push(`${at}: ${source} is not in this step's tool_calls`);
  }
  return problems;
}

function unknownKeys(object: Record<string, unknown>, allowed: Set<string>, at: string): string[] {
  return Object.keys(object)
    .filter((k) => !allowed.has(k))
    .map((k) => `${at}.${k}: extra field`);
}
