import path from "node:path";
import { Language, type Node, Parser } from "web-tree-sitter";
import { packageRoot } from "@/db/config";

/**
 * One simple command as the shell would run it: its words with quotes removed, the variables it
 * sets, and the redirections that apply to it. A line like `cd src && make 2>&1 | tee log` is
 * three of these; commands inside `$(…)` are listed too (they run as well).
 */
export type SimpleCommand = {
  /** The command's source text, redirections and heredoc included. */
  text: string;
  argv: string[];
  assignments: string[];
  redirects: Redirect[];
  /** The body of a heredoc fed to the command (`cat > f <<EOF … EOF`). */
  heredoc: string | null;
  /** Inside a command substitution or process substitution. */
  substituted: boolean;
  /** Started in the background (`cmd &`). */
  background: boolean;
  /** Runs in a `( … )` subshell (an id per subshell; 0 at the top level): its `cd` stays inside. */
  subshell: number;
};

export type Redirect = { op: string; target: string; fd: string | null };

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

/**
 * Loads the bash grammar (tree-sitter, compiled to WASM) once per process. Tree-sitter is the
 * parser editors use for bash: it knows heredocs, substitutions and compound commands, and it
 * recovers from the half-typed or interactive lines agents send instead of giving up.
 */
export function loadShellParser(): Promise<Parser> {
  loading ??= (async () => {
    const modules = path.join(packageRoot(), "node_modules");
    await Parser.init({ locateFile: (name: string) => path.join(modules, "web-tree-sitter", name) });
    const bash = await Language.load(path.join(modules, "tree-sitter-bash", "tree-sitter-bash.wasm"));
    const created = new Parser();
    created.setLanguage(bash);
    parser = created;
    return created;
  })();
  return loading;
}

/**
 * A line of plain words (no quotes, expansions, globs, operators or redirections) is split by the
 * shell exactly at its spaces: `ls -la src`, `git diff`, `python3 -m pytest -q tests/`.
 */
const PLAIN_WORDS = /^[\w./:=@%+,-]+(?: +[\w./:=@%+,-]+)*$/;

/** Agents repeat lines (`ls -la`, `git status`): recent parses are kept, bounded. */
const cache = new Map<string, SimpleCommand[]>();
const CACHE_LIMIT = 20_000;
const CACHED_LINE_LIMIT = 2048;

/**
 * The simple commands of a command line, in execution order. Call `loadShellParser` first.
 * The result is shared between calls with the same line: do not modify it.
 */
export function parseShell(line: string): SimpleCommand[] {
  const trimmed = line.trim();
  const known = cache.get(trimmed);
  if (known) return known;
  // A leading NAME=value is an assignment, not a program: the grammar handles those.
  const parsed = PLAIN_WORDS.test(trimmed) && !/^[^ ]*=/.test(trimmed) ? [plainCommand(trimmed)] : parseTree(trimmed);
  if (trimmed.length <= CACHED_LINE_LIMIT) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(trimmed, parsed);
  }
  return parsed;
}

function plainCommand(line: string): SimpleCommand {
  return { text: line, argv: line.split(/ +/), assignments: [], redirects: [], heredoc: null, substituted: false, background: false, subshell: 0 };
}

function parseTree(line: string): SimpleCommand[] {
  if (!parser) throw new Error("the shell parser is not loaded: await loadShellParser() first");
  const tree = parser.parse(line);
  if (!tree) return [];
  try {
    const out: SimpleCommand[] = [];
    collect(tree.rootNode, [], null, false, out);
    return out;
  } finally {
    tree.delete();
  }
}

/** Walks statements; `redirects`/`heredoc` are those of an enclosing redirected statement. */
function collect(node: Node, redirects: Redirect[], heredoc: string | null, substituted: boolean, out: SimpleCommand[], text?: string) {
  switch (node.type) {
    case "command":
    case "declaration_command":
    case "unset_command":
    case "test_command": {
      const command = simpleCommand(node, redirects, heredoc, substituted, text ?? node.text);
      out.push(command);
      // Substitutions in the words run before the command itself, but listing them after keeps
      // the command first, which is what a reader expects; their order does not change tags.
      for (const child of node.namedChildren) if (child) collectSubstitutions(child, out);
      return;
    }
    case "redirected_statement": {
      const own: Redirect[] = [];
      const extraWords: string[] = [];
      let body: string | null = heredoc;
      const nested: Node[] = [];
      for (const redirect of node.childrenForFieldName("redirect")) {
        if (!redirect) continue;
        if (redirect.type === "heredoc_redirect") {
          body = heredocBody(redirect);
          // `cat <<EOF > f` and `cat <<EOF | sh`: the redirect or pipeline sits inside the heredoc node.
          for (const child of redirect.namedChildren) {
            if (!child) continue;
            if (child.type === "file_redirect") own.push(fileRedirect(child));
            else if (child.type !== "heredoc_start" && child.type !== "heredoc_body" && child.type !== "heredoc_end") nested.push(child);
          }
        } else if (redirect.type === "file_redirect") {
          own.push(fileRedirect(redirect));
          extraWords.push(...strayWords(redirect));
        }
        else if (redirect.type === "herestring_redirect") body = wordValue(redirect.namedChildren.at(-1) ?? redirect);
      }
      const target = node.childForFieldName("body");
      const ownText = node.childrenForFieldName("redirect").flatMap((r) => (r && r.type === "file_redirect" ? [r.text] : []));
      const before = out.length;
      if (target) collectTrailing(target, redirects, own, heredoc, body, substituted, out, node.text, ownText);
      // The words tree-sitter-bash#233 attached to the redirect belong to the command before it.
      if (extraWords.length && target && isSimple(target) && out.length > before) out[before]!.argv.push(...extraWords);
      for (const child of nested) collect(child, [], null, substituted, out);
      return;
    }
    case "command_substitution":
    case "process_substitution":
      for (const child of node.namedChildren) if (child) collect(child, [], null, true, out);
      return;
    case "variable_assignment":
    case "variable_assignments":
      for (const child of node.namedChildren) if (child) collectSubstitutions(child, out);
      return;
    case "comment":
    case "heredoc_body":
      return;
    default:
      // Lists, pipelines, subshells, loops, conditionals, functions and error-recovered fragments:
      // their statements are commands too; an outer redirect applies to all of them.
      for (const child of node.namedChildren) if (child) collect(child, redirects, heredoc, substituted, out);
  }
}

/**
 * tree-sitter-bash hangs a trailing redirect on the whole `a && b > f` or `a | b > f`
 * (tree-sitter-bash#345); the shell binds it to the last command only, at any depth.
 */
function collectTrailing(target: Node, outer: Redirect[], own: Redirect[], heredoc: string | null, body: string | null, substituted: boolean, out: SimpleCommand[], text: string, ownText: string[] = []) {
  if (target.type === "list" || target.type === "pipeline") {
    const parts = target.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment");
    parts.forEach((part, i) => {
      if (i < parts.length - 1) collect(part, outer, heredoc, substituted, out);
      else collectTrailing(part, outer, own, heredoc, body, substituted, out, [part.text, ...ownText].join(" "), ownText);
    });
    return;
  }
  collect(target, [...outer, ...own], body, substituted, out, isSimple(target) ? text : undefined);
}

function isSimple(node: Node): boolean {
  return node.type === "command" || node.type === "declaration_command" || node.type === "test_command" || node.type === "unset_command";
}

function collectSubstitutions(node: Node, out: SimpleCommand[]) {
  if (node.type === "command_substitution" || node.type === "process_substitution") {
    collect(node, [], null, true, out);
    return;
  }
  for (const child of node.namedChildren) if (child) collectSubstitutions(child, out);
}

function simpleCommand(node: Node, redirects: Redirect[], heredoc: string | null, substituted: boolean, text: string): SimpleCommand {
  const argv: string[] = [];
  const assignments: string[] = [];
  if (node.type === "test_command") {
    argv.push("test", ...words(node));
  } else {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === "variable_assignment") assignments.push(child.text);
      else if (child.type === "command_name") argv.push(wordValue(child.namedChildren[0] ?? child));
      else if (child.type === "file_redirect") {
        redirects = [...redirects, fileRedirect(child)];
        argv.push(...strayWords(child));
      }
      else if (child.type === "herestring_redirect") heredoc = wordValue(child.namedChildren.at(-1) ?? child);
      else if (child.type !== "comment") argv.push(wordValue(child));
    }
    // `export A=b`, `local x`: the keyword is the first child, not a named one.
    if (node.type !== "command") argv.unshift(node.firstChild?.text ?? node.type);
  }
  return { text: text.trim(), argv, assignments, redirects, heredoc, substituted, background: inBackground(node), subshell: subshellOf(node) };
}

/** `cmd &`, `a && b &`, `(a; b) &`: some statement holding the command is followed by `&`. */
function inBackground(node: Node): boolean {
  for (let n: Node | null = node; n && n.type !== "program"; n = n.parent) if (n.nextSibling?.type === "&") return true;
  return false;
}

/** The innermost `( … )` holding the node (its id), or 0 at the top level. */
function subshellOf(node: Node): number {
  for (let n: Node | null = node.parent; n && n.type !== "program"; n = n.parent) if (n.type === "subshell") return n.id;
  return 0;
}

/** The words of a `[ … ]` / `[[ … ]]` test, flattened. */
function words(node: Node): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (n.namedChildCount === 0 || n.type === "string" || n.type === "raw_string" || n.type === "concatenation") out.push(wordValue(n));
    else for (const child of n.children) if (child) visit(child);
  };
  for (const child of node.namedChildren) if (child) visit(child);
  return out;
}

function fileRedirect(node: Node): Redirect {
  const descriptor = node.childForFieldName("descriptor");
  const [destination] = node.childrenForFieldName("destination");
  const op = node.children.find((c) => c && !c.isNamed)?.text ?? ">";
  return { op, target: destination ? wordValue(destination) : "", fd: descriptor?.text ?? null };
}

/**
 * tree-sitter-bash#233: in `grep 2>/dev/null -q x f` the words after the redirect are parsed as
 * more destinations of it; the shell passes them to the command.
 */
function strayWords(redirect: Node): string[] {
  return redirect
    .childrenForFieldName("destination")
    .slice(1)
    .filter((d): d is Node => d !== null)
    .map(wordValue);
}

function heredocBody(node: Node): string {
  return node.namedChildren.find((c) => c?.type === "heredoc_body")?.text ?? "";
}

/** A word as the program receives it: quotes removed; expansions are kept as written. */
export function wordValue(node: Node): string {
  switch (node.type) {
    case "raw_string":
      return node.text.slice(1, -1);
    case "string":
      return node.text
        .slice(1, -1)
        .replace(/\\([$`"\\\n])/g, "$1");
    case "ansi_c_string":
      return node.text.slice(2, -1);
    case "concatenation":
      return node.namedChildren.map((c) => (c ? wordValue(c) : "")).join("");
    case "word":
      return node.text.replace(/\\(.)/gs, "$1");
    default:
      return node.text;
  }
}
