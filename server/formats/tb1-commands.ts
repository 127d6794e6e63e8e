/*
 * Terminal-Bench 1's `commands.txt`: every `send_keys` call the harness (and a tmux-driven agent
 * such as Terminus) made to the task's tmux session, one Python list repr per line:
 *
 *   ['asciinema rec --stdin /logs/agent.cast', 'Enter']
 *   ['clear', 'Enter']
 *   ["source /installed-agent/install-agent.sh && echo 'INSTALL_SUCCESS'", 'Enter']
 *   ['mini -m anthropic/claude-sonnet-4-20250514 -t \'…\' -y --exit-immediately', 'Enter']
 *   ['asciinema rec --stdin /logs/tests.cast', 'Enter']
 *   ['bash ', '/tests/run-tests.sh', 'Enter']
 *   ['C-d']
 *
 * The harness's own keys are recognisable: it starts each recording, clears the screen, sources
 * the installed agent's environment and install script, launches an installed agent, and ends
 * recordings with C-d. Blocking sends get `; tmux wait -S done` appended on the way to the shell.
 */

export type Tb1Keys = { line: number; keys: string[]; text: string };

export type Tb1Commands = {
  /** Entries sent while agent.cast was recording (before the tests' recording starts). */
  agentSession: Tb1Keys[];
  /** The harness installed the agent in the container (install-agent.sh). */
  installed: boolean;
  /** Commands the harness used to launch an installed agent. */
  launches: string[];
  /** Commands a tmux-driven agent typed itself (not the harness's): the line, and the keys as sent. */
  agentCommands: { command: string; keystrokes: string }[];
  warnings: string[];
};

/** tmux key names as `send-keys` understands them → the bytes the shell receives. */
const KEY_NAMES: Record<string, string> = {
  Enter: "\r",
  "C-m": "\r",
  KPEnter: "\r",
  Tab: "\t",
  "C-i": "\t",
  Escape: "\u001b",
  BSpace: "\u007f",
  Space: " ",
  Up: "\u001b[A",
  Down: "\u001b[B",
  Right: "\u001b[C",
  Left: "\u001b[D",
};

export function keysToText(keys: string[]): string {
  return keys
    .map((key) => {
      const named = KEY_NAMES[key];
      if (named !== undefined) return named;
      const ctrl = /^C-([a-zA-Z@[\\\]^_])$/.exec(key);
      if (ctrl) return String.fromCharCode(ctrl[1]!.toUpperCase().charCodeAt(0) & 0x1f);
      return key;
    })
    .join("");
}

/** `; tmux wait -S done` is how the harness blocks until a command ends; it is not the agent's. */
export function stripTmuxWait(command: string): string {
  return command.replace(/;\s*tmux wait -S done\s*$/, "");
}

/** What the harness (not the agent) typed: the screen clear, env and install scripts. */
export function harnessSetupKind(command: string): "clear" | "env" | "install" | null {
  const c = stripTmuxWait(command).trim();
  if (c === "clear") return "clear";
  if (c.startsWith("source /installed-agent/setup-env.sh")) return "env";
  if (c.includes("/installed-agent/install-agent.sh")) return "install";
  return null;
}

export function readTb1Commands(text: string): Tb1Commands {
  const result: Tb1Commands = { agentSession: [], installed: false, launches: [], agentCommands: [], warnings: [] };
  const entries: Tb1Keys[] = [];
  const unreadable: number[] = [];
  text.split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    const keys = parsePythonStringList(raw.trim());
    if (keys) entries.push({ line: index + 1, keys, text: keysToText(keys) });
    else unreadable.push(index + 1);
  });
  if (unreadable.length > 0) {
    result.warnings.push(`commands.txt: ${unreadable.length} line(s) are not a list of key strings (first: line ${unreadable[0]}); they were skipped`);
  }

  const isRecording = (e: Tb1Keys) => /^asciinema rec\b/.test(e.keys[0] ?? "");
  const agentRec = entries.findIndex((e) => isRecording(e) && /agent\.cast/.test(e.keys[0]!));
  const start = agentRec >= 0 ? agentRec + 1 : 0;
  const testsRec = entries.findIndex((e, i) => i >= start && isRecording(e));
  result.agentSession = entries.slice(start, testsRec >= 0 ? testsRec : entries.length);

  let afterInstall = false;
  let first = true;
  for (const entry of result.agentSession) {
    // Ending a recording (C-d alone) is the harness's.
    if (entry.keys.every((k) => k === "C-d")) continue;
    const command = entry.text.replace(/\r$/, "");
    // The harness clears the screen first; a `clear` later on is the agent's.
    const kind = harnessSetupKind(command) === "clear" && !first ? null : harnessSetupKind(command);
    first = false;
    if (kind === "install") {
      result.installed = true;
      afterInstall = true;
    }
    if (kind) continue;
    if (afterInstall) result.launches.push(command);
    else result.agentCommands.push({ command, keystrokes: entry.text });
  }
  return result;
}

/**
 * Parses a Python list of str literals, as `repr()` writes it: `['a', "b'c", 'd\\'e']`.
 * Returns null for anything else (the line is then reported, not guessed at).
 */
export function parsePythonStringList(text: string): string[] | null {
  if (!text.startsWith("[") || !text.endsWith("]")) return null;
  const items: string[] = [];
  let i = 1;
  const skipSpace = () => {
    while (text[i] === " ") i++;
  };
  skipSpace();
  while (i < text.length - 1) {
    const quote = text[i];
    if (quote !== "'" && quote !== '"') return null;
    let value = "";
    i++;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) return null;
      if (ch === quote) break;
      if (ch === "\\") {
        const escaped = readEscape(text, i);
        if (!escaped) return null;
        value += escaped.value;
        i += escaped.length;
        continue;
      }
      value += ch;
      i++;
    }
    i++;
    items.push(value);
    skipSpace();
    if (text[i] === ",") {
      i++;
      skipSpace();
    } else if (i !== text.length - 1) return null;
  }
  return items;
}

function readEscape(text: string, i: number): { value: string; length: number } | null {
  const next = text[i + 1];
  const simple: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", r: "\r", t: "\t", a: "\u0007", b: "\b", f: "\f", v: "\v", "0": "\u0000" };
  if (next === undefined) return null;
  const hexLength = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
  if (hexLength > 0) {
    const hex = text.slice(i + 2, i + 2 + hexLength);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) return null;
    return { value: String.fromCodePoint(Number.parseInt(hex, 16)), length: 2 + hexLength };
  }
  if (next in simple) return { value: simple[next]!, length: 2 };
  return { value: `\\${next}`, length: 2 };
}
