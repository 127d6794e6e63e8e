import fs from "node:fs";
import { z } from "zod";
import { contentHash } from "../../blobs/blob-store";
import builtIn from "./egs-v1.json";

export const TAGS = ["inspect", "act", "verify", "other"] as const;
export type Tag = (typeof TAGS)[number];
const Tag = z.enum(TAGS);

const ContextTag = z.object({ tag: Tag, confidence: z.number().min(0).max(1) }).strict();

/** One tagging rule: which commands it matches, the tag it gives, and what the command touches. */
const Rule = z
  .object({
    id: z.string().min(1),
    tag: Tag,
    confidence: z.number().min(0).max(1),
    /** Program names (basename of the first word); `*` any program; `@path` a program run by its path. */
    programs: z.array(z.string().min(1)).min(1),
    /** For `@path`: a pattern the program's path must match. */
    programMatches: z.string().optional(),
    /** The first argument that is not an option (`git diff`, `pip install`). */
    subcommands: z.array(z.string()).optional(),
    /** Matches only when nothing follows the subcommand (`git branch` lists, `git branch x` creates). */
    subcommandOnly: z.boolean().optional(),
    /** Some argument equals one of these. */
    withArgs: z.array(z.string()).optional(),
    /** No argument equals any of these. */
    withoutArgs: z.array(z.string()).optional(),
    /** Some argument starts with one of these (`-i` also matches `-i.bak`). */
    withFlags: z.array(z.string()).optional(),
    /** Every argument is an option or one of `withArgs` (`python3 --version`, not `pip install --help x`). */
    onlyFlags: z.boolean().optional(),
    /** A pattern some argument matches (or, with `afterFlag`, the argument after that flag). */
    argMatches: z.string().optional(),
    afterFlag: z.string().optional(),
    /** Matches only commands that carry code inline: `-c CODE`, `-e CODE`, or a heredoc fed to them. */
    inline: z.boolean().optional(),
    /** A pattern the inline code (or else the arguments) matches. */
    codeMatches: z.string().optional(),
    /** Options that take a value (skipped when finding subcommands and targets). */
    optionsWithValue: z.array(z.string()).optional(),
    /** Options that carry the pattern or script (`grep -e PAT`, `sed -e S`): then every positional is a file. */
    patternOptions: z.array(z.string()).optional(),
    /** Which arguments the command touches (reads for inspect, writes for act). */
    targets: z.enum(["none", "args", "first", "after-first", "last", "leading", "program"]),
    /** What the targets are: files (default), packages or services. */
    targetKind: z.enum(["path", "package", "service"]).optional(),
    /** The target when no argument names one: `.` (the working directory) or `@open-file`. */
    defaultTarget: z.string().optional(),
    /** Options whose value is a path the command writes (`-o out`). */
    writesOption: z.array(z.string()).optional(),
    /** Reads whole directory trees (`grep -r`, `find`). */
    recursive: z.boolean().optional(),
    /** The targets are programs or scripts it runs. */
    runs: z.boolean().optional(),
    /** Runs a test suite: a check of every earlier act. */
    tests: z.boolean().optional(),
    /** Changes directory. */
    chdir: z.boolean().optional(),
    /** Makes its target the agent editor's open file (SWE-agent `open`, `create`). */
    opens: z.boolean().optional(),
    /** Everything after the first line belongs to the command (SWE-agent `edit … end_of_edit`). */
    takesBody: z.boolean().optional(),
    /** The tag when a target was written by an earlier act (reading back, running what was edited). */
    afterWrite: ContextTag.optional(),
    /** The tag when any act came earlier in the trajectory (`git diff` after an edit). */
    afterAct: ContextTag.optional(),
    /** Like afterAct, but only after acts by rules whose id starts with one of these (`service.`). */
    afterActOf: z.array(z.string()).optional(),
    /** Lists directories: listing one an earlier act wrote into reads that write back. */
    listsDirectories: z.boolean().optional(),
    /** Quoted file paths in the inline code are its targets (`open('out.csv', 'w')`). */
    codeTargets: z.boolean().optional(),
    why: z.string().min(1),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;

/** Commands that run other commands: `sudo -u x cmd`, `timeout 5 cmd`, `find … -exec cmd ;`. */
const Wrapper = z
  .object({
    name: z.string().min(1),
    optionsWithValue: z.array(z.string()).optional(),
    /** Positional arguments of the wrapper itself before the command (`timeout 5`). */
    positional: z.number().int().nonnegative().optional(),
    /** Skips NAME=value words (`env A=1 cmd`). */
    assignments: z.boolean().optional(),
    /** The wrapped command follows this subcommand (`uv run cmd`). */
    subcommand: z.string().optional(),
    /** The wrapped command follows one of these arguments and ends at one of `innerEnd`. */
    innerAfter: z.array(z.string()).optional(),
    innerEnd: z.array(z.string()).optional(),
    /** The wrapper is a command of its own too (`find` searches, then runs `-exec`). */
    keepOuter: z.boolean().optional(),
  })
  .strict();
export type Wrapper = z.infer<typeof Wrapper>;

const Fixed = z.object({ id: z.string(), tag: Tag, confidence: z.number(), why: z.string() }).strict();

export const RuleTableSchema = z
  .object({
    version: z.string().min(1),
    about: z.string().optional(),
    shells: z.array(z.string()).default([]),
    wrappers: z.array(Wrapper).default([]),
    redirectWrite: Fixed.optional(),
    background: Fixed.optional(),
    fallback: Fixed.optional(),
    rules: z.array(Rule),
  })
  .strict();
export type RuleTableSource = z.input<typeof RuleTableSchema>;

/** A rule with its patterns compiled. */
export type CompiledRule = Rule & { programPattern?: RegExp; argPattern?: RegExp; codePattern?: RegExp };

/** The table the tagger runs: rules indexed by program, wrappers by name. */
export type RuleTable = {
  /** Recorded with every tag: the built-in version, plus a digest of any extension table. */
  version: string;
  shells: Set<string>;
  wrappers: Map<string, Wrapper>;
  anyProgram: CompiledRule[];
  pathPrograms: CompiledRule[];
  byProgram: Map<string, CompiledRule[]>;
  takesBody: Set<string>;
  redirectWrite: z.infer<typeof Fixed>;
  background: z.infer<typeof Fixed>;
  fallback: z.infer<typeof Fixed>;
};

/**
 * The rule table: an extension table's rules first (a team's rules for its harness), then the
 * built-in ones. The version names both, so a stored tag says exactly which rules made it.
 */
export function compileRuleTable(extension?: RuleTableSource): RuleTable {
  const base = RuleTableSchema.parse(builtIn);
  const extra = extension ? RuleTableSchema.parse(extension) : undefined;
  const rules = [...(extra?.rules ?? []), ...base.rules];
  const table: RuleTable = {
    version: extra ? `${base.version}+${extra.version}.${contentHash(JSON.stringify(extra)).slice(0, 8)}` : base.version,
    shells: new Set([...base.shells, ...(extra?.shells ?? [])]),
    wrappers: new Map([...base.wrappers, ...(extra?.wrappers ?? [])].map((w) => [w.name, w])),
    anyProgram: [],
    pathPrograms: [],
    byProgram: new Map(),
    takesBody: new Set(),
    redirectWrite: extra?.redirectWrite ?? base.redirectWrite ?? { id: "write.redirect", tag: "act", confidence: 0.95, why: "writes a file" },
    background: extra?.background ?? base.background ?? { id: "background.start", tag: "act", confidence: 0.85, why: "starts a process" },
    fallback: extra?.fallback ?? base.fallback ?? { id: "unknown", tag: "other", confidence: 0.2, why: "unknown program" },
  };
  for (const rule of rules) {
    const compiled: CompiledRule = {
      ...rule,
      programPattern: pattern(rule.programMatches, rule.id),
      argPattern: pattern(rule.argMatches, rule.id),
      codePattern: pattern(rule.codeMatches, rule.id),
    };
    for (const program of rule.programs) {
      if (program === "*") table.anyProgram.push(compiled);
      else if (program === "@path") table.pathPrograms.push(compiled);
      else {
        const list = table.byProgram.get(program);
        if (list) list.push(compiled);
        else table.byProgram.set(program, [compiled]);
        if (rule.takesBody) table.takesBody.add(program);
      }
    }
  }
  return table;
}

function pattern(source: string | undefined, ruleId: string): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, "i");
  } catch (error) {
    throw new Error(`rule ${ruleId}: invalid pattern ${JSON.stringify(source)} (${(error as Error).message})`);
  }
}

let defaultTable: RuleTable | undefined;

/**
 * The rules in effect: the built-in table, extended by the JSON file named in TRAJSTUDIO_RULES
 * (read once per process).
 */
export function activeRuleTable(env: Record<string, string | undefined> = process.env): RuleTable {
  if (defaultTable) return defaultTable;
  const file = env.TRAJSTUDIO_RULES;
  let extension: RuleTableSource | undefined;
  if (file) {
    try {
      extension = JSON.parse(fs.readFileSync(file, "utf8")) as RuleTableSource;
    } catch (error) {
      throw new Error(`TRAJSTUDIO_RULES=${file}: ${(error as Error).message}`);
    }
  }
  defaultTable = compileRuleTable(extension);
  return defaultTable;
}
