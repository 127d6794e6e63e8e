import { z } from "zod";

/*
 * ATIF v1.x as Harbor and Terminus-2 write it. Only what we read is checked; unknown fields are
 * ignored and any v1 minor version is accepted, so files from newer harbor releases still import.
 */
const Text = z.string().nullish();
const Count = z.number().nonnegative().nullish();

export const AtifToolCall = z.object({
  tool_call_id: z.string().nullish(),
  function_name: z.string(),
  arguments: z.unknown().optional(),
});

export const AtifSubagentRef = z.object({ session_id: z.string().nullish(), trajectory_path: z.string().nullish() });

export const AtifObservationResult = z.object({
  source_call_id: z.string().nullish(),
  content: z.unknown().optional(),
  subagent_trajectory_ref: z.array(AtifSubagentRef).nullish(),
});

export const AtifStep = z.object({
  step_id: z.union([z.number(), z.string()]).nullish(),
  timestamp: z.string().nullish(),
  source: z.enum(["user", "agent", "system"]),
  model_name: Text,
  message: z.unknown().optional(),
  reasoning_content: Text,
  tool_calls: z.array(AtifToolCall).nullish(),
  observation: z.object({ results: z.array(AtifObservationResult).nullish() }).nullish(),
  metrics: z.object({ prompt_tokens: Count, completion_tokens: Count, cached_tokens: Count, cost_usd: Count }).passthrough().nullish(),
  is_copied_context: z.boolean().nullish(),
  llm_call_count: z.number().nullish(),
});
export type AtifStep = z.infer<typeof AtifStep>;

export const AtifDocument = z.object({
  schema_version: z.string().regex(/^ATIF-v1(\.\d+)*$/, 'expected "ATIF-v1.x"'),
  session_id: Text,
  agent: z
    .object({ name: z.string(), version: Text, model_name: Text, extra: z.record(z.string(), z.unknown()).nullish() })
    .nullish(),
  steps: z.array(AtifStep),
  final_metrics: z
    .object({ total_prompt_tokens: Count, total_completion_tokens: Count, total_cached_tokens: Count, total_cost_usd: Count })
    .passthrough()
    .nullish(),
  continued_trajectory_ref: z.union([z.string(), AtifSubagentRef]).nullish(),
});
export type AtifDocument = z.infer<typeof AtifDocument>;
