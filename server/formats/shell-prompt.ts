/*
 * Shell prompts, learned from a recording rather than assumed: the first prompt the shell prints
 * tells us how to recognise every later one. A `user@host:path# ` prompt is generalised over the
 * path (the agent changes directory); anything else is matched literally.
 */

/** A learned prompt: `regex` matches it at the start of a line (and nothing after it). */
export type ShellPrompt = { regex: RegExp; example: string };

// bash/zsh/sh defaults: `root@abc123:/app# `, `(venv) user@host:~/src$ `, `user@host ~ % `.
const USER_HOST = /^(\([^()\n]{1,60}\) )?([\w.-]+@[\w.-]+)([:\s])(\S*)([#$%>]) /;
// Red Hat style: `[user@host dir]$ `.
const BRACKETED = /^(\[[\w.-]+@[\w.-]+ [^\]\n]*\])([#$]) /;
// Bare prompts: `$ `, `# `, `bash-5.2# `, `sh-5.1$ `.
const BARE = /^([\w.-]*[#$%>]) /;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The prompt at the start of `line`, generalised, if the line starts with something prompt-like. */
export function promptFromLine(line: string): ShellPrompt | null {
  const userHost = USER_HOST.exec(line);
  if (userHost) {
    const [example, venv, who, separator, , sigil] = userHost;
    const source = `^${venv ? "(?:\\([^()\\n]{1,60}\\) )?" : ""}${escapeRegex(who!)}${escapeRegex(separator!)}\\S*${escapeRegex(sigil!)} `;
    return { regex: new RegExp(source), example };
  }
  const bracketed = BRACKETED.exec(line);
  if (bracketed) {
    const who = /^\[([\w.-]+@[\w.-]+) /.exec(bracketed[1]!)![1]!;
    return { regex: new RegExp(`^\\[${escapeRegex(who)} [^\\]\\n]*\\]${escapeRegex(bracketed[2]!)} `), example: bracketed[0] };
  }
  const bare = BARE.exec(line);
  if (bare) return { regex: new RegExp(`^${escapeRegex(bare[0])}`), example: bare[0] };
  return null;
}

/**
 * Learns the prompt from the first `scan` non-blank lines of a session's text. `user@host` prompts
 * are taken at once; a bare one (`$ `, `# `) only if at least two lines start with it, so a
 * comment or heading in early output is not mistaken for a prompt.
 */
export function learnPrompt(lines: string[], scan = 20): ShellPrompt | null {
  const candidates = lines.filter((l) => l.trim() !== "").slice(0, scan);
  for (const line of candidates) {
    if (USER_HOST.test(line) || BRACKETED.test(line)) return promptFromLine(line);
  }
  for (const line of candidates) {
    const prompt = promptFromLine(line);
    if (prompt && lines.filter((l) => prompt.regex.test(l)).length >= 2) return prompt;
  }
  return null;
}

/** A prompt for exactly this text (a fancy prompt seen before the first keystroke). */
export function literalPrompt(text: string): ShellPrompt {
  return promptFromLine(text) ?? { regex: new RegExp(`^${escapeRegex(text)}`), example: text };
}

/**
 * Where a prompt starts at the end of `line` (the line the cursor sat on when the next command
 * was typed), so output printed without a final newline keeps its text; -1 if there is none.
 */
export function trailingPromptStart(line: string, prompt: ShellPrompt): number {
  // Prompts are short: look only at the end of a long line.
  for (let start = Math.max(0, line.length - 400); start < line.length; start++) {
    const match = prompt.regex.exec(line.slice(start));
    if (match && line.slice(start + match[0].length).trim() === "") return start;
  }
  return -1;
}
