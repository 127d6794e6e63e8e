import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadShellParser, parseShell } from "./parse-shell";

beforeAll(async () => {
  await loadShellParser();
});

const argvs = (line: string) => parseShell(line).map((c) => c.argv);
const only = (line: string) => {
  const commands = parseShell(line);
  expect(commands).toHaveLength(1);
  return commands[0]!;
};

describe("parseShell: lists, pipelines and compound commands", () => {
  it.each([
    ["a pipeline", "ps aux | grep node | wc -l", [["ps", "aux"], ["grep", "node"], ["wc", "-l"]]],
    ["&& and ||", "make || make clean && make", [["make"], ["make", "clean"], ["make"]]],
    ["; and newlines", "cd /app; ls\npwd", [["cd", "/app"], ["ls"], ["pwd"]]],
    ["a subshell", "(cd /tmp && ls -la) && echo done", [["cd", "/tmp"], ["ls", "-la"], ["echo", "done"]]],
    ["a brace group", "{ echo a; echo b; } > out.txt", [["echo", "a"], ["echo", "b"]]],
    ["a for loop (expansions kept as written)", "for f in *.py; do python3 $f; done", [["python3", "$f"]]],
    ["an if", "if [ -f x ]; then cat x; fi", [["test", "-f", "x"], ["cat", "x"]]],
  ])("%s", (_what, line, expected) => {
    expect(argvs(line)).toEqual(expected);
  });

  it("an outer redirect applies to every command of a group", () => {
    const [a, b] = parseShell("{ echo a; echo b; } > out.txt");
    expect(a!.redirects).toEqual([{ op: ">", target: "out.txt", fd: null }]);
    expect(b!.redirects).toEqual([{ op: ">", target: "out.txt", fd: null }]);
  });

  it("keeps each command's own source text, its redirections included", () => {
    expect(parseShell("cd src; make 2>&1 | tee log").map((c) => c.text)).toEqual(["cd src", "make 2>&1", "tee log"]);
  });

  it.each([
    ["ls -la src", "ls -la 'src'"],
    ["python3 -m pytest -q tests/", 'python3 -m pytest -q "tests/"'],
    ["git commit -am fix", "git commit -am \\fix"],
    ["make CC=gcc -j4", "make 'CC=gcc' -j4"],
  ])("a line of plain words (%j) splits exactly as the grammar does (%j)", (plain, quoted) => {
    const strip = ({ text: _text, ...rest }: ReturnType<typeof parseShell>[number]) => rest;
    expect(parseShell(plain).map(strip)).toEqual(parseShell(quoted).map(strip));
    expect(parseShell(plain)[0]!.argv).toEqual(plain.split(" "));
  });
});

describe("parseShell: substitutions", () => {
  it("lists commands inside $(…) and backticks after the command, marked substituted", () => {
    const commands = parseShell('echo "$(whoami)" `date`');
    expect(commands.map((c) => [c.argv[0], c.substituted])).toEqual([
      ["echo", false],
      ["whoami", true],
      ["date", true],
    ]);
    // The outer command keeps the substitution as written (its value is unknown).
    expect(commands[0]!.argv).toEqual(["echo", "$(whoami)", "`date`"]);
  });

  it("process substitution and substitutions in an assignment", () => {
    expect(parseShell("diff <(sort a.txt) b.txt").map((c) => [c.argv, c.substituted])).toEqual([
      [["diff", "<(sort a.txt)", "b.txt"], false],
      [["sort", "a.txt"], true],
    ]);
    // A bare assignment runs no command of its own; its substitution does run.
    expect(parseShell("PID=$(pgrep -f server)").map((c) => [c.argv, c.substituted])).toEqual([[["pgrep", "-f", "server"], true]]);
  });

  it("a pipeline inside a substitution is substituted throughout", () => {
    expect(parseShell("kill $(ps aux | grep srv)").map((c) => c.substituted)).toEqual([false, true, true]);
  });
});

describe("parseShell: redirections", () => {
  it.each([
    ["echo hi > out.txt", [{ op: ">", target: "out.txt", fd: null }]],
    ["echo hi >> out.txt", [{ op: ">>", target: "out.txt", fd: null }]],
    ["ls > /dev/null", [{ op: ">", target: "/dev/null", fd: null }]],
    ["make 2>&1", [{ op: ">&", target: "1", fd: "2" }]],
    ["grep x f 2>/dev/null", [{ op: ">", target: "/dev/null", fd: "2" }]],
    ["./run &> all.log", [{ op: "&>", target: "all.log", fd: null }]],
    ["sort < in.txt", [{ op: "<", target: "in.txt", fd: null }]],
    [
      "pytest > out.log 2>&1",
      [
        { op: ">", target: "out.log", fd: null },
        { op: ">&", target: "1", fd: "2" },
      ],
    ],
    ['echo x > "my file.txt"', [{ op: ">", target: "my file.txt", fd: null }]],
  ])("%s", (line, expected) => {
    expect(only(line).redirects).toEqual(expected);
  });

  // tree-sitter-bash hangs a trailing redirect on the whole list or pipeline (issue #345); the
  // shell binds it to the last command only.
  it.each([
    ["cd /app && cat > f.py", [[], [{ op: ">", target: "f.py", fd: null }]]],
    ["git fetch && ls 2>/dev/null", [[], [{ op: ">", target: "/dev/null", fd: "2" }]]],
    ["ls /nope || true 2>/dev/null", [[], [{ op: ">", target: "/dev/null", fd: "2" }]]],
    ["sort a.txt | uniq > u.txt", [[], [{ op: ">", target: "u.txt", fd: null }]]],
    // `&&` binds looser than `|`: this is `cd src && (make 2>&1 | tee log)`.
    ["cd src && make 2>&1 | tee log", [[], [{ op: ">&", target: "1", fd: "2" }], []]],
  ])("a redirect at the end of %j belongs to its last command", (line, expected) => {
    expect(parseShell(line).map((c) => c.redirects)).toEqual(expected);
  });

  it("a heredoc at the end of an and-list feeds its last command only", () => {
    const [cd, python] = parseShell("cd /app && python3 <<'PY'\nprint(1)\nPY");
    expect(cd!.heredoc).toBeNull();
    expect(python!.argv).toEqual(["python3"]);
    expect(python!.heredoc?.trimEnd()).toBe("print(1)");
  });

  // tree-sitter-bash#233 parses the words after a mid-command redirect as destinations.
  it("a redirect in the middle of a command leaves the later words as arguments", () => {
    const c = only("grep 2>/dev/null -q pattern /etc/shells");
    expect(c.argv).toEqual(["grep", "-q", "pattern", "/etc/shells"]);
    expect(c.redirects).toEqual([{ op: ">", target: "/dev/null", fd: "2" }]);
  });

  it("a redirect belongs to its own command in a pipeline", () => {
    const [make, tee] = parseShell("make 2>&1 | tee build.log");
    expect(make!.redirects).toEqual([{ op: ">&", target: "1", fd: "2" }]);
    expect(tee!.redirects).toEqual([]);
    expect(tee!.argv).toEqual(["tee", "build.log"]);
  });
});

describe("parseShell: heredocs and herestrings", () => {
  it("captures a quoted heredoc's body and the file the command writes", () => {
    const c = only("cat > fix.py <<'EOF'\nimport sys\nprint($HOME)\nEOF");
    expect(c.argv).toEqual(["cat"]);
    expect(c.redirects).toEqual([{ op: ">", target: "fix.py", fd: null }]);
    expect(c.heredoc?.trimEnd()).toBe("import sys\nprint($HOME)");
    expect(c.text).toContain("print($HOME)");
  });

  it("finds the file redirect written after the heredoc marker", () => {
    const c = only("cat <<EOF > notes.md\nhello\nEOF");
    expect(c.redirects).toEqual([{ op: ">", target: "notes.md", fd: null }]);
    expect(c.heredoc?.trimEnd()).toBe("hello");
  });

  it("a heredoc piped into another command: both commands, the body on the first", () => {
    const commands = parseShell("cat <<EOF | python3\nprint(1)\nEOF");
    expect(commands.map((c) => c.argv)).toEqual([["cat"], ["python3"]]);
    expect(commands[0]!.heredoc?.trimEnd()).toBe("print(1)");
  });

  it("does not read the heredoc body as commands", () => {
    expect(argvs("cat > run.sh <<'EOF'\nrm -rf /\nEOF")).toEqual([["cat"]]);
  });

  it("takes a herestring as the command's input", () => {
    const c = only('grep -c x <<< "a x b"');
    expect(c.argv).toEqual(["grep", "-c", "x"]);
    expect(c.heredoc).toBe("a x b");
  });
});

describe("parseShell: words", () => {
  it("returns `bash -c` as argv: the script is one word (the tagger recurses into it)", () => {
    expect(argvs("bash -c 'cd /app && make test'")).toEqual([["bash", "-c", "cd /app && make test"]]);
  });

  it.each([
    ["single quotes keep everything literally", "echo 'a b' 'c\\d $x'", ["echo", "a b", "c\\d $x"]],
    ["double quotes drop their escapes", 'echo "say \\"hi\\" \\$HOME"', ["echo", 'say "hi" $HOME']],
    ["an escaped space joins a word", "cat my\\ file.txt", ["cat", "my file.txt"]],
    ["concatenated quoting", `echo pre"mid"'end'`, ["echo", "premidend"]],
    ["ANSI-C quotes", "printf $'a\\tb'", ["printf", "a\\tb"]],
  ])("%s", (_what, line, expected) => {
    expect(only(line).argv).toEqual(expected);
  });

  it("separates variable assignments from the command", () => {
    const c = only("FOO=1 BAR='x y' python3 app.py");
    expect(c.assignments).toEqual(["FOO=1", "BAR='x y'"]);
    expect(c.argv).toEqual(["python3", "app.py"]);
  });

  it("`export A=b` keeps the keyword as the program and the assignment apart", () => {
    const c = only("export PATH=/opt/bin:$PATH");
    expect(c.argv).toEqual(["export"]);
    expect(c.assignments).toEqual(["PATH=/opt/bin:$PATH"]);
  });

  it.each([
    ["[ -f x ]", ["test", "-f", "x"]],
    ["[[ -d /app/src ]]", ["test", "-d", "/app/src"]],
    ['[ "$a" = "b c" ]', ["test", "$a", "=", "b c"]],
  ])("a test %s is argv %j", (line, expected) => {
    expect(only(line).argv).toEqual(expected);
  });
});

describe("parseShell: background, comments, broken input", () => {
  it("flags a command started with &", () => {
    expect(parseShell("python3 server.py &").map((c) => c.background)).toEqual([true]);
    expect(parseShell("python3 server.py > log 2>&1 &").map((c) => c.background)).toEqual([true]);
    expect(parseShell("sleep 1 & echo hi").map((c) => c.background)).toEqual([true, false]);
    expect(parseShell("sleep 1 && echo hi").map((c) => c.background)).toEqual([false, false]);
    expect(parseShell("node a.js | tee out &").map((c) => c.background)).toEqual([true, true]);
  });

  // `a && b &` backgrounds the whole list, not only its last command.
  it("flags the commands of an and-list started with &", () => {
    expect(parseShell("cd /app && python3 server.py &").at(-1)!.background).toBe(true);
  });

  it("ignores comments", () => {
    expect(argvs("ls -la # list everything\n# rm -rf /\npwd")).toEqual([["ls", "-la"], ["pwd"]]);
    expect(parseShell("# only a comment")).toEqual([]);
  });

  it.each(['echo "unterminated', "cat <<EOF\nno end marker", "ls && ", "if [ -f x ]; then", "echo $(("])(
    "does not throw on a half-typed line: %j",
    (line) => {
      expect(() => parseShell(line)).not.toThrow();
      expect(Array.isArray(parseShell(line))).toBe(true);
    },
  );

  it("recovers the complete commands of a line with a broken tail", () => {
    expect(argvs("cd /app && ls -la && echo 'oops")[0]).toEqual(["cd", "/app"]);
  });

  it("an empty line has no commands", () => {
    expect(parseShell("")).toEqual([]);
    expect(parseShell("   \n ")).toEqual([]);
  });
});

describe("loadShellParser", () => {
  it("loads once: later calls return the same parser", async () => {
    expect(await loadShellParser()).toBe(await loadShellParser());
  });

  it("parseShell refuses to run before the parser is loaded", async () => {
    vi.resetModules();
    const fresh = await import("./parse-shell");
    // (A line of plain words is split without the grammar, so use one with an operator.)
    expect(() => fresh.parseShell("ls | wc -l")).toThrow(/not loaded/);
  });
});
