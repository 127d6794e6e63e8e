import { cleanText } from "./read-json";

/*
 * Text helpers the agent-harness importers share (SWE-agent, mini-swe-agent, OpenHands): chat
 * message content, tool arguments, a model's provider, and what a rendered prompt put in a slot
 * of its template.
 */

/** Chat message content: a string, or a list of parts with `text` (multimodal or cache-control form). */
export function messageText(content: unknown): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? (part.text as string) : "")).join("");
  }
  return JSON.stringify(content);
}

/** Tool arguments go to a jsonb column, which cannot hold NUL either: clean every string inside. */
export function cleanArgs(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanArgs);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanArgs(v)]));
  return value;
}

/** `anthropic/claude-…` names its provider (litellm style); a bare model name does not. */
export function providerOf(model: string | null | undefined): string | null {
  const prefix = model?.includes("/") ? model.split("/")[0] : null;
  return prefix || null;
}

const PLACEHOLDER = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}\n]*)?\}/g;

/** The template's literal text before its first placeholder (Jinja `{{ }}`/`{% %}` or Python `{name}`). */
export function literalHead(template: string): string {
  PLACEHOLDER.lastIndex = 0;
  const first = PLACEHOLDER.exec(template);
  return first ? template.slice(0, first.index) : template;
}

/**
 * What a rendered prompt put in one slot of its template: the text between the literal right before
 * the slot and the literal right after it. Null when the text does not follow the template.
 */
export function templateSlot(template: string, slot: RegExp, text: string): string | null {
  const match = slot.exec(template);
  if (!match) return null;
  const before = template.slice(0, match.index);
  const prefix = before.split(PLACEHOLDER).at(-1) ?? "";
  const suffix = literalHead(template.slice(match.index + match[0].length));
  // A blank literal between two placeholders cannot be found again in the text.
  if (prefix && !prefix.trim() && prefix !== before) return null;
  const start = prefix ? text.indexOf(prefix) : 0;
  if (start === -1) return null;
  const from = start + prefix.length;
  const end = suffix.trim() ? text.indexOf(suffix, from) : text.length;
  if (end === -1) return null;
  return text.slice(from, end).trim();
}
