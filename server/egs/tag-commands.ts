import path from "node:path/posix";
import type { StepCommand } from "@/db/schema";
import { type CompiledRule, type RuleTable, type Tag, type Wrapper, activeRuleTable } from "./rules/rule-table";
import { type SimpleCommand, parseShell } from "./shell/parse-shell";
import { TargetIndex, resolvePath } from "./targets";

/** One executed command with its tag, the rule that gave it, and what it touched (as stored). */
export type TaggedCommand = StepCommand;

export type TaggedStep = { commands: TaggedCommand[]; tag: Tag | null; rule: string | null; confidence: number | null };

/** What the tagger reads of a step. */
export type StepAction = { source?: string | null; action?: string | null };

/** verify > act > inspect > other: a step shows its most consequential command. */
export const TAG_PRIORITY: Record<Tag, number> = { verify: 3, act: 2, inspect: 1, other: 0 };

/** What earlier commands established: where the shell is, what was written, what is open. */
type Session = {
  cwd: string | null;
  written: TargetIndex<true>;
  /** Rule ids of earlier acts, in order. */
  acts: string[];
  /** Paths read so far. */
  read: TargetIndex<true>;
  openFile: string | null;
  /** Each command (by its words) with the number of acts before it ran: a re-run after an act is a check. */
  seen: Map<string, number>;
};

const MAX_SHELL_DEPTH = 4;

/**
 * Tags every agent action of a trajectory, in order: each command by the first matching rule,
 * then by context (reading back a path an earlier act wrote, running what was edited, checking
 * after an act). Steps without an action (prompts, pure thoughts) get no tag.
 */
export function tagSteps(steps: StepAction[], table: RuleTable = activeRuleTable()): TaggedStep[] {
  const session: Session = { cwd: null, written: new TargetIndex(), acts: [], read: new TargetIndex(), openFile: null, seen: new Map() };
  return steps.map((step) => {
    if ((step.source ?? "agent") !== "agent" || !step.action?.trim()) return { commands: [], tag: null, rule: null, confidence: null };
    const commands = tagLine(step.action, session, table, 0);
    if (commands.length === 0) return { commands, tag: null, rule: null, confidence: null };
    const top = commands.reduce((best, c) => (TAG_PRIORITY[c.tag] > TAG_PRIORITY[best.tag] ? c : best));
    return { commands, tag: top.tag, rule: top.rule, confidence: top.confidence };
  });
}

function tagLine(line: string, session: Session, table: RuleTable, depth: number): TaggedCommand[] {
  const firstLine = line.split("\n", 1)[0]!;
  const firstWord = firstLine.trim().split(/\s+/, 1)[0] ?? "";
  // Tool calls like SWE-agent's `edit 3:5 … end_of_edit` carry a body that is not shell.
  const parsed = table.takesBody.has(firstWord) ? parseShell(firstLine).map((c) => ({ ...c, text: line.trim() })) : parseShell(line);
  // A `cd` inside `( … )` moves that subshell only: each subshell starts where the line stood.
  const outerCwd = session.cwd;
  const subshellCwd = new Map<number, string | null>();
  const tagged = parsed.flatMap((command) => {
    if (command.subshell === 0) return tagSimple(command, session, table, depth);
    const lineCwd = session.cwd;
    session.cwd = subshellCwd.has(command.subshell) ? subshellCwd.get(command.subshell)! : lineCwd;
    try {
      return tagSimple(command, session, table, depth);
    } finally {
      subshellCwd.set(command.subshell, session.cwd);
      session.cwd = lineCwd;
    }
  });
  // `bash -c 'cd x; …'` runs in a child shell: the session's directory is unchanged.
  if (depth > 0) session.cwd = outerCwd;
  return tagged;
}

function tagSimple(command: SimpleCommand, session: Session, table: RuleTable, depth: number): TaggedCommand[] {
  if (command.argv.length === 0) return [];
  const { argv, inner } = unwrap(command.argv, table);
  const out: TaggedCommand[] = [];
  const program = argv[0] ?? "";
  const script = depth < MAX_SHELL_DEPTH ? shellScript(argv, command, table) : null;
  if (script !== null) {
    // `bash -c '…'`, `sh <<EOF`: the inner commands are what runs.
    out.push(...tagLine(script, session, table, depth + 1));
  } else if (program) {
    out.push(tagArgv(argv, command, session, table));
  }
  for (const innerArgv of inner) out.push(tagArgv(innerArgv, { ...command, redirects: [], heredoc: null, text: innerArgv.join(" ") }, session, table));
  return out;
}

/** Strips wrappers (`sudo`, `env A=1`, `timeout 5`, `xargs -n1`); `find -exec` yields inner commands. */
function unwrap(argv: string[], table: RuleTable): { argv: string[]; inner: string[][] } {
  const inner: string[][] = [];
  for (let guard = 0; guard < 8; guard++) {
    const wrapper = table.wrappers.get(path.basename(argv[0] ?? ""));
    if (!wrapper) break;
    if (wrapper.innerAfter) {
      const { outer, commands } = splitInner(argv, wrapper);
      for (const c of commands) inner.push(unwrap(c, table).argv);
      if (!wrapper.keepOuter) return { argv: commands[0] ?? argv, inner: inner.slice(1) };
      argv = outer;
      break;
    }
    const rest = wrappedCommand(argv, wrapper);
    if (!rest) break;
    argv = rest;
  }
  return { argv, inner };
}

function wrappedCommand(argv: string[], wrapper: Wrapper): string[] | null {
  let i = 1;
  if (wrapper.subcommand) {
    if (argv[1] !== wrapper.subcommand) return null;
    i = 2;
  }
  const valued = new Set(wrapper.optionsWithValue ?? []);
  while (i < argv.length && argv[i]!.startsWith("-") && argv[i] !== "-") {
    if (argv[i] === "--") {
      i++;
      break;
    }
    i += valued.has(argv[i]!) ? 2 : 1;
  }
  if (wrapper.assignments) while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]!)) i++;
  i += wrapper.positional ?? 0;
  return i < argv.length ? argv.slice(i) : null;
}

function splitInner(argv: string[], wrapper: Wrapper): { outer: string[]; commands: string[][] } {
  const outer: string[] = [];
  const commands: string[][] = [];
  const starts = new Set(wrapper.innerAfter);
  const ends = new Set(wrapper.innerEnd ?? []);
  for (let i = 0; i < argv.length; i++) {
    if (!starts.has(argv[i]!)) {
      outer.push(argv[i]!);
      continue;
    }
    const command: string[] = [];
    for (i++; i < argv.length && !ends.has(argv[i]!); i++) if (argv[i] !== "{}") command.push(argv[i]!);
    if (command.length) commands.push(command);
  }
  return { outer, commands };
}

/** The script a shell runs inline: `bash -c '…'`, `sh -lc "…"`, or a heredoc fed to `bash`. */
function shellScript(argv: string[], command: SimpleCommand, table: RuleTable): string | null {
  if (!table.shells.has(path.basename(argv[0]!))) return null;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-") || arg.startsWith("--")) break;
    if (arg.includes("c")) return argv[i + 1] ?? "";
  }
  const positional = argv.slice(1).find((a) => !a.startsWith("-"));
  return positional === undefined && command.heredoc ? command.heredoc : null;
}

/** Inline code: `python -c CODE`, `perl -e CODE`, `node -p CODE`, `php -r CODE`, or a heredoc on stdin. */
function inlineCode(argv: string[], heredoc: string | null): string | null {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (["-c", "-e", "-E", "-p", "-r", "--eval", "--print"].includes(arg)) return argv[i + 1] ?? "";
    if (/^-[a-zA-Z]*[ce]$/.test(arg) && !arg.startsWith("--")) return argv[i + 1] ?? "";
    if (!arg.startsWith("-")) return null; // a script argument: not inline
    if (arg === "-") break;
  }
  return heredoc;
}

function positionalsOf(args: string[], rule: CompiledRule): string[] {
  const valued = new Set(rule.optionsWithValue ?? []);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      out.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("-") && arg !== "-") {
      if (valued.has(arg)) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

function matches(rule: CompiledRule, argv: string[], args: string[], code: string | null): boolean {
  if (rule.programPattern && !rule.programPattern.test(argv[0]!)) return false;
  if (rule.inline && code === null) return false;
  if (rule.subcommands || rule.subcommandOnly) {
    const first = positionalsOf(args, rule)[0];
    if (first === undefined || (rule.subcommands && !rule.subcommands.includes(first))) return false;
    if (rule.subcommandOnly && args.length !== 1) return false;
  }
  if (rule.withArgs && !args.some((a) => rule.withArgs!.includes(a))) return false;
  if (rule.withoutArgs && args.some((a) => rule.withoutArgs!.includes(a))) return false;
  if (rule.withFlags && !args.some((a) => rule.withFlags!.some((f) => a.startsWith(f)))) return false;
  if (rule.onlyFlags && !args.every((a) => a.startsWith("-") || rule.withArgs?.includes(a))) return false;
  if (rule.argPattern) {
    if (rule.afterFlag) {
      const i = args.indexOf(rule.afterFlag);
      if (i === -1 || !rule.argPattern.test(args[i + 1] ?? "")) return false;
    } else if (!args.some((a) => rule.argPattern!.test(a))) return false;
  }
  if (rule.codePattern && !rule.codePattern.test(code ?? args.join(" "))) return false;
  return true;
}

function findRule(argv: string[], code: string | null, table: RuleTable): CompiledRule | undefined {
  const args = argv.slice(1);
  const program = argv[0]!;
  const name = path.basename(program);
  const candidates = [table.anyProgram, table.byProgram.get(name), program !== name ? table.byProgram.get(program) : undefined];
  for (const list of candidates) for (const rule of list ?? []) if (matches(rule, argv, args, code)) return rule;
  if (program.includes("/")) for (const rule of table.pathPrograms) if (matches(rule, argv, args, code)) return rule;
  return undefined;
}

function tagArgv(argv: string[], command: SimpleCommand, session: Session, table: RuleTable): TaggedCommand {
  const code = inlineCode(argv, command.heredoc);
  const rule = findRule(argv, code, table);
  const text = command.text;
  const fileWrites = command.redirects
    .filter((r) => /^(>|>>|>\||&>|&>>)$/.test(r.op) && r.target && !isDevice(r.target) && !/^&?\d*-?$/.test(r.target))
    .map((r) => resolvePath(session.cwd, r.target));

  if (!rule) {
    const result = finish({ text, tag: table.fallback.tag, rule: table.fallback.id, confidence: table.fallback.confidence, reads: [], writes: [], runs: [] }, fileWrites, table);
    record(session, result);
    return result;
  }

  const { targets, scoped } = targetsOf(rule, argv, session);
  const extraWrites = (rule.writesOption ?? []).flatMap((opt) => {
    const i = argv.indexOf(opt);
    return i > 0 && argv[i + 1] && !isDevice(argv[i + 1]!) ? [resolvePath(session.cwd, argv[i + 1]!)] : [];
  });
  if (rule.codeTargets) targets.push(...pathsInCode(code ?? argv.slice(1).join(" ")).map((p) => resolvePath(session.cwd, p)));
  const tagged: TaggedCommand = { text, tag: rule.tag, rule: rule.id, confidence: rule.confidence, reads: [], writes: [], runs: [] };
  if (rule.runs) tagged.runs = targets;
  else if (rule.tag === "act") tagged.writes = targets;
  else tagged.reads = targets;
  tagged.writes.push(...extraWrites);
  if (rule.tests) tagged.tests = true;
  if (rule.recursive) tagged.recursive = true;
  if (scoped) tagged.scope = targets[0];
  // Words computed by `$(…)` serve the outer command: they are not checks of their own.
  if (!command.substituted) applyContext(tagged, rule, command, session, table);

  // A program given file names it was not shown may write them (`convert.py in.csv out.json`, with
  // in.csv read earlier): reading one back afterwards checks the run. Not counted as its targets.
  if (rule.runs) {
    const args = positionalsOf(argv.slice(1), rule).slice(rule.targets === "program" ? 0 : 1);
    const fresh = args.filter((a) => isPathLike(a) && /[./]/.test(a)).map((a) => resolvePath(session.cwd, a));
    for (const p of fresh) if (!session.read.same(p)) session.written.add(p, true);
  }
  if (rule.chdir) session.cwd = chdir(session.cwd, argv[1]);
  if (rule.opens && targets[0]) session.openFile = targets[0];
  const result = finish(tagged, fileWrites, table);
  record(session, result);
  return result;
}

/**
 * Context: reading back or running what an earlier act wrote, checking after an act (of a given
 * kind), re-running a command after something changed, or starting a process in the background.
 */
function applyContext(tagged: TaggedCommand, rule: CompiledRule, command: SimpleCommand, session: Session, table: RuleTable) {
  const set = (context: { tag: Tag; confidence: number }, suffix: string) => {
    tagged.tag = context.tag;
    tagged.confidence = context.confidence;
    tagged.rule = `${rule.id}+${suffix}`;
  };
  const touched = [...tagged.reads, ...tagged.runs];
  const wroteBack = touched.some((t) => session.written.same(t) || (rule.listsDirectories && session.written.inDirectory(t)));
  const actedBefore = rule.afterActOf
    ? session.acts.some((id) => rule.afterActOf!.some((prefix) => id.startsWith(prefix)))
    : session.acts.length > 0;
  const key = command.argv.join("\u0000");
  const before = session.seen.get(key);
  if (rule.afterWrite && wroteBack) set(rule.afterWrite, "after-write");
  else if (rule.afterAct && actedBefore) set(rule.afterAct, "after-act");
  // Re-running an act or a program after something changed checks the change (`make` after a fix).
  else if (before !== undefined && session.acts.length > before && (tagged.tag === "act" || rule.runs)) set({ tag: "verify", confidence: 0.75 }, "rerun");
  if (command.background && !tagged.tests) {
    tagged.tag = table.background.tag;
    tagged.confidence = table.background.confidence;
    tagged.rule = table.background.id;
  }
  session.seen.set(key, session.acts.length + (tagged.tag === "act" ? 1 : 0));
}

function isDevice(p: string): boolean {
  return /^\/dev\//.test(p) || p === "-";
}

/** Quoted file paths in code: `'/app/out.csv'`, `"report.json"`. */
function pathsInCode(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/['"]((?:\/|\.{1,2}\/)?[\w.\-/]*\w\.[A-Za-z0-9]{1,8}|\/[\w.\-/]+)['"]/g)) if (!m[1]!.includes("://")) out.push(m[1]!);
  return out;
}

/** Output redirected into a file makes a reading or idle command an act (a check stays a check). */
function finish(tagged: TaggedCommand, fileWrites: string[], table: RuleTable): TaggedCommand {
  if (fileWrites.length === 0) return tagged;
  tagged.writes.push(...fileWrites);
  if (tagged.tag === "inspect" || tagged.tag === "other") {
    tagged.tag = table.redirectWrite.tag;
    tagged.rule = table.redirectWrite.id;
    tagged.confidence = table.redirectWrite.confidence;
  }
  return tagged;
}

function record(session: Session, tagged: TaggedCommand) {
  if (tagged.tag === "act") session.acts.push(tagged.rule);
  // A scoped act (`make` in /app) did not write /app itself: reading /app later reads nothing back.
  for (const w of tagged.writes) if (w !== tagged.scope) session.written.add(w, true);
  for (const r of tagged.reads) session.read.add(r, true);
}

function chdir(cwd: string | null, to: string | undefined): string | null {
  if (!to || to === "~" || to.startsWith("~/")) return to ? path.normalize(to) : null;
  if (to === "-") return cwd;
  return resolvePath(cwd, to);
}

function targetsOf(rule: CompiledRule, argv: string[], session: Session): { targets: string[]; scoped: boolean } {
  const positionals = positionalsOf(argv.slice(1), rule);
  let picked: string[];
  switch (rule.targets) {
    case "none":
      picked = [];
      break;
    case "args":
      picked = positionals;
      break;
    case "first":
      picked = positionals.slice(0, 1);
      break;
    case "after-first":
      picked = rule.patternOptions?.some((o) => argv.includes(o)) ? positionals : positionals.slice(1);
      break;
    case "last":
      picked = positionals.length > 1 ? positionals.slice(-1) : positionals;
      break;
    case "leading": {
      const args = argv.slice(1);
      const end = args.findIndex((a) => a.startsWith("-") || a === "(" || a === "!");
      picked = end === -1 ? args : args.slice(0, end);
      break;
    }
    case "program":
      picked = [rule.targetKind && rule.targetKind !== "path" ? path.basename(argv[0]!) : argv[0]!];
      break;
  }
  const kind = rule.targetKind ?? "path";
  if (kind !== "path") {
    const names = picked.map(packageName).filter((n): n is string => n !== null);
    // A listing with no names (`pip list`, `systemctl list-units`) observes them all.
    return { targets: names.length ? names.map((n) => `${kind}:${n}`) : [`${kind}:*`], scoped: false };
  }
  const paths = picked.filter(isPathLike);
  if (paths.length === 0 && rule.defaultTarget) {
    if (rule.defaultTarget === "@open-file") return { targets: session.openFile ? [session.openFile] : [], scoped: false };
    return { targets: [resolvePath(session.cwd, rule.defaultTarget)], scoped: rule.tag === "act" };
  }
  return { targets: paths.map((p) => resolvePath(session.cwd, globBase(p))), scoped: false };
}

function packageName(arg: string): string | null {
  if (arg.includes("/") || arg.includes("://") || /\.(txt|whl|tar\.gz|zip|deb|rpm|toml|cfg)$/.test(arg)) return null;
  const name = arg.split(/[<>=!~[;@\s]/, 1)[0]!.replace(/\.service$/, "").toLowerCase();
  return name || null;
}

function isPathLike(arg: string): boolean {
  return arg !== "" && arg !== "-" && arg !== "{}" && !arg.includes("://") && !/^\d+(:\d+)?$/.test(arg) && !arg.includes("\n");
}

/** `src/*.py` names files in `src`: the directory is what is observed or changed. */
function globBase(p: string): string {
  if (!/[*?[]/.test(p)) return p;
  const parts = p.split("/");
  const i = parts.findIndex((s) => /[*?[]/.test(s));
  return parts.slice(0, i).join("/") || (p.startsWith("/") ? "/" : ".");
}
