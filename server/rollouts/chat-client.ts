import type { LlmAgentConfig } from "./rollout-agents";

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };
export type ChatUsage = { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
type ChatResponse = { choices?: { message?: { content?: unknown } }[]; usage?: ChatUsage };

/** Errors quote this much of the endpoint's body: enough to read its complaint, not a page. */
const ERROR_BODY_CHARS = 300;

/**
 * One OpenAI-compatible chat completion (vLLM, SGLang, Ollama, hosted APIs all speak it). The
 * request is aborted at the agent's deadline; the key goes only into the Authorization header.
 */
export async function chatCompletion(config: LlmAgentConfig, apiKey: string | undefined, messages: ChatMessage[], deadline: number): Promise<{ content: string; usage?: ChatUsage }> {
  const url = `${config.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify({ model: config.model, messages, temperature: config.temperature ?? 0.7 }),
    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, ERROR_BODY_CHARS)}`);
  let body: ChatResponse;
  try {
    body = JSON.parse(text) as ChatResponse;
  } catch {
    throw new Error(`${url} answered with no JSON: ${text.slice(0, ERROR_BODY_CHARS)}`);
  }
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== "string") throw new Error(`${url} answered without choices[0].message.content`);
  return { content, usage: body.usage };
}
