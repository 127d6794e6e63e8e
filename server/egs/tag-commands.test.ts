import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "./shell/parse-shell";
import { type TaggedCommand, tagSteps } from "./tag-commands";

beforeAll(async () => {
  await loadShellParser();
});

/** Tags a session of agent actions, in order. */
const session = (...actions: string[]) => tagSteps(actions.map((action) => ({ action })));
/** The last step of a session. */
const lastStep = (...actions: string[]) => session(...actions).at(-1)!;
/** The only command of the last step of a session. */
const lastCommand = (...actions: string[]): TaggedCommand => {
  const { commands } = lastStep(...actions);
  expect(commands).toHaveLength(1);
  return commands[0]!;
};
const tagAndRule = (c: TaggedCommand) => [c.tag, c.rule];

describe("other: navigation, waiting, interrupts, completion", () => {
  it.each([
    ["cd /app", "nav.cd"],
    ["clear", "shell.wait"],
    ["sleep 5", "shell.wait"],
    ["export DEBUG=1", "shell.wait"],
    ["C-c", "keys.interrupt"],
    ["submit", "done.declare"],
    ["echo 'Now fixing the parser'", "echo.message"],
  ])("%s → other (%s)", (action, rule) => {
    const step = lastStep(action);
    expect(step.tag).toBe("other");
    expect(tagAndRule(step.commands[0]!)).toEqual(["other", rule]);
  });
});

describe("inspect: reading state", () => {
  it.each([
    ["cat README.md", "read.file", ["README.md"]],
    ["head -n 20 app.py", "read.head", ["app.py"]],
    ["tail -n 50 /var/log/nginx/error.log", "read.log-tail", ["/var/log/nginx/error.log"]],
    ["ls -la /app", "read.list", ["/app"]],
    ["ls", "read.list", ["."]],
    ["ls src/*.py", "read.list", ["src"]],
    ["grep -rn TODO src", "read.search", ["src"]],
    ["find /app -name '*.py'", "read.find", ["/app"]],
    ["ps aux", "read.processes", []],
    ["git status", "git.read", []],
    ["git diff", "git.read", []],
    ["pip list", "pkg.python-read", ["package:*"]],
    ["python3 --version", "query.version", ["package:python3"]],
    ["which jq", "query.which", ["package:jq"]],
    ["curl -s http://localhost:8000/health", "probe.local", []],
  ])("%s → inspect (%s) reading %j", (action, rule, reads) => {
    const c = lastCommand(action);
    expect(tagAndRule(c)).toEqual(["inspect", rule]);
    expect(c.reads).toEqual(reads);
    expect(c.writes).toEqual([]);
  });

  it("marks tree reads as recursive", () => {
    expect(lastCommand("grep -rn TODO src").recursive).toBe(true);
    expect(lastCommand("find . -name '*.py'").recursive).toBe(true);
    expect(lastCommand("cat src/a.py").recursive).toBeUndefined();
  });

  it("a redirect into /dev/null or a descriptor writes nothing", () => {
    const c = lastCommand("ls /app > /dev/null 2>&1");
    expect(tagAndRule(c)).toEqual(["inspect", "read.list"]);
    expect(c.writes).toEqual([]);
  });

  // Options that take a value differ by program: `-n` is a count for head, a flag for cat.
  it.each([
    ["cat -n app.py", ["app.py"]],
    ["grep -v DEBUG app.py", ["app.py"]],
    ["wc -c app.py", ["app.py"]],
    ["ls -t /app/logs", ["/app/logs"]],
  ])("%s reads %j", (action, reads) => {
    expect(lastCommand(action).reads).toEqual(reads);
  });
});

describe("act: changing state", () => {
  it.each([
    ["echo hi > out.txt", "write.redirect", ["out.txt"]],
    ["echo more >> out.txt", "write.redirect", ["out.txt"]],
    ["cat > notes.md <<'EOF'\n# Notes\nEOF", "write.redirect", ["notes.md"]],
    ["cat <<EOF > notes.md\n# Notes\nEOF", "write.redirect", ["notes.md"]],
    ["sed -i 's/DEBUG = True/DEBUG = False/' config.py", "edit.sed-inplace", ["config.py"]],
    ["sed -i.bak 's/a/b/' config.py", "edit.sed-inplace", ["config.py"]],
    // With the script given by -e, every positional is a file.
    ["sed -e 's/a/b/' -i app.py", "edit.sed-inplace", ["app.py"]],
    ["cp a.txt backup/a.txt", "fs.copy", ["backup/a.txt"]],
    ["mv old.py new.py", "fs.write", ["old.py", "new.py"]],
    ["rm -rf build", "fs.write", ["build"]],
    ["mkdir /app/data", "fs.write", ["/app/data"]],
    // -p takes no value for mkdir: the directory is still the target.
    ["mkdir -p /app/data", "fs.write", ["/app/data"]],
    ["chmod +x run.sh", "fs.permissions", ["run.sh"]],
    ["chmod 755 run.sh", "fs.permissions", ["run.sh"]],
    ["pip install requests==2.31", "pkg.python-write", ["package:requests"]],
    ["apt-get install -y jq", "pkg.os-write", ["package:jq"]],
    // A build names no path: its target is the directory it ran in.
    ["make", "build.compile", ["."]],
    ["gcc -O2 -o app main.c", "build.compile", [".", "app"]],
    ["systemctl restart nginx", "service.control", ["service:nginx"]],
    ["git add src/app.py", "git.write", ["src/app.py"]],
    // The commit message is not a path: the commit names none, so its target is the directory.
    ["git commit -m 'fix parser'", "git.write", ["."]],
    ["kill 1234", "proc.signal", []],
  ])("%s → act (%s) writing %j", (action, rule, writes) => {
    const c = lastCommand(action);
    expect(tagAndRule(c)).toEqual(["act", rule]);
    expect(c.writes).toEqual(writes);
  });

  it("a build records the directory it ran in as its scope", () => {
    expect(lastCommand("make").scope).toBe(".");
    expect(lastCommand("cp a b").scope).toBeUndefined();
  });

  // `-i` makes perl edit in place, whatever code it runs.
  it("perl -pi -e SCRIPT FILE is an in-place edit", () => {
    const c = lastCommand("perl -pi -e 's/foo/bar/g' config.txt");
    expect(tagAndRule(c)).toEqual(["act", "perl.inplace"]);
    expect(c.writes).toEqual(["config.txt"]);
  });
});

describe("verify: running tests", () => {
  it.each([
    ["pytest -q", "test.pytest"],
    // `python -m` is a wrapper: the module is the program.
    ["python -m pytest tests/", "test.pytest"],
    ["python3 -m unittest discover", "test.pytest"],
    ["npm test", "test.npm"],
    ["make test", "test.make"],
    ["go test ./...", "test.go"],
    ["cargo test", "test.cargo"],
    ["bash tests/test.sh", "test.script"],
    ["./run_tests.sh", "test.path-script"],
  ])("%s → verify (%s), a test run", (action, rule) => {
    const c = lastCommand(action);
    expect(tagAndRule(c)).toEqual(["verify", rule]);
    expect(c.tests).toBe(true);
  });

  it("a test run redirected into a file stays a check (and writes the file)", () => {
    const c = lastCommand("pytest -q > test.log");
    expect(tagAndRule(c)).toEqual(["verify", "test.pytest"]);
    expect(c.writes).toEqual(["test.log"]);
  });
});

describe("context: the same command checks an earlier act", () => {
  it("reading back a file an in-place edit wrote is a verify; another file stays an inspect", () => {
    const edit = "sed -i 's/a/b/' app.py";
    expect(tagAndRule(lastCommand(edit, "cat app.py"))).toEqual(["verify", "read.file+after-write"]);
    expect(tagAndRule(lastCommand(edit, "cat other.py"))).toEqual(["inspect", "read.file"]);
    expect(tagAndRule(lastCommand("cat app.py"))).toEqual(["inspect", "read.file"]);
  });

  it("running a script just written by a heredoc is a verify", () => {
    const write = "cat > fix.py <<'EOF'\nprint('fixed')\nEOF";
    const run = lastCommand(write, "python3 fix.py");
    expect(tagAndRule(run)).toEqual(["verify", "run.script+after-write"]);
    expect(run.runs).toEqual(["fix.py"]);
  });

  it("git diff is an inspect before any edit and a verify after one", () => {
    expect(tagAndRule(lastCommand("git diff"))).toEqual(["inspect", "git.read"]);
    expect(tagAndRule(lastCommand("sed -i 's/a/b/' app.py", "git diff"))).toEqual(["verify", "git.read+after-act"]);
  });

  it("probing localhost checks a service just started, not a package install", () => {
    const probe = "curl -s http://localhost:80/";
    expect(tagAndRule(lastCommand(probe))).toEqual(["inspect", "probe.local"]);
    expect(tagAndRule(lastCommand("systemctl start nginx", probe))).toEqual(["verify", "probe.local+after-act"]);
    expect(tagAndRule(lastCommand("pip install flask", probe))).toEqual(["inspect", "probe.local"]);
  });

  it("asking an installed program its version checks the install; another program does not", () => {
    expect(tagAndRule(lastCommand("apt-get install -y jq", "jq --version"))).toEqual(["verify", "query.version+after-write"]);
    expect(tagAndRule(lastCommand("apt-get install -y jq", "curl --version"))).toEqual(["inspect", "query.version"]);
  });

  it("re-running a build after a fix checks the fix; re-running it with nothing changed does not", () => {
    expect(tagAndRule(lastCommand("make", "sed -i 's/int/long/' main.c", "make"))).toEqual(["verify", "build.compile+rerun"]);
    expect(tagAndRule(lastCommand("make", "make"))).toEqual(["act", "build.compile"]);
  });

  it("printing the exit status is a verify only after an act", () => {
    expect(tagAndRule(lastCommand("echo $?"))).toEqual(["other", "echo.status"]);
    expect(tagAndRule(lastCommand("touch done.flag", "echo $?"))).toEqual(["verify", "echo.status+after-act"]);
  });

  it("listing processes checks a started process, not a file write", () => {
    expect(tagAndRule(lastCommand("python3 server.py &", "pgrep -f server.py"))).toEqual(["verify", "read.processes+after-act"]);
    expect(tagAndRule(lastCommand("touch x", "pgrep -f server.py"))).toEqual(["inspect", "read.processes"]);
  });
});

describe("wrappers: the wrapped command is tagged", () => {
  it("sudo -u USER skips the user", () => {
    const c = lastCommand("sudo -u app cat /etc/app.conf");
    expect(tagAndRule(c)).toEqual(["inspect", "read.file"]);
    expect(c.reads).toEqual(["/etc/app.conf"]);
    expect(c.text).toBe("sudo -u app cat /etc/app.conf");
  });

  it.each([
    ["env A=1 B=2 python3 -m pytest", "verify", "test.pytest"],
    ["timeout 30 make test", "verify", "test.make"],
    ["sudo systemctl restart nginx", "act", "service.control"],
    ["nohup python3 server.py &", "act", "background.start"],
  ])("%s → %s (%s)", (action, tag, rule) => {
    expect(tagAndRule(lastCommand(action))).toEqual([tag, rule]);
  });

  it("xargs runs its command on the piped names", () => {
    const { commands, tag } = lastStep("find . -name '*.pyc' | xargs rm -f");
    expect(commands.map(tagAndRule)).toEqual([
      ["inspect", "read.find"],
      ["act", "fs.write"],
    ]);
    expect(tag).toBe("act");
  });

  it("find … -exec CMD {} \\; is a search and the command it runs", () => {
    const { commands, tag } = lastStep("find . -name '*.tmp' -exec rm {} \\;");
    expect(commands.map(tagAndRule)).toEqual([
      ["inspect", "read.find"],
      ["act", "fs.write"],
    ]);
    expect(commands[0]!.reads).toEqual(["."]);
    expect(commands[1]!.text).toBe("rm");
    expect(tag).toBe("act");
  });
});

describe("inline scripts: what runs inside is tagged", () => {
  it("bash -c '…' tags each inner command", () => {
    const { commands, tag } = lastStep("bash -c 'cd /app && make test'");
    expect(commands.map(tagAndRule)).toEqual([
      ["other", "nav.cd"],
      ["verify", "test.make"],
    ]);
    expect(tag).toBe("verify");
  });

  it("sh -c and a heredoc fed to bash", () => {
    expect(lastCommand('sh -c "rm -rf /tmp/cache"')).toMatchObject({ tag: "act", rule: "fs.write", writes: ["/tmp/cache"] });
    expect(lastCommand("bash <<'EOF'\nmkdir out\nEOF")).toMatchObject({ tag: "act", rule: "fs.write", writes: ["out"] });
  });

  it("python3 -c that writes a file is an act on it; one that prints is an inspect", () => {
    expect(lastCommand(`python3 -c "open('out.txt', 'w').write('x')"`)).toMatchObject({ tag: "act", rule: "python.inline-write", writes: ["out.txt"] });
    expect(tagAndRule(lastCommand(`python3 -c "print(1 + 1)"`))).toEqual(["inspect", "python.inline-read"]);
  });
});

describe("SWE-agent tools", () => {
  it("open, edit … end_of_edit (one act on the open file), then viewing it checks the edit", () => {
    const steps = session("open src/app.py", "edit 3:5\n    return f\"{x!r}\" + ')'\nend_of_edit", "scroll_down");
    expect(steps[0]!.commands.map(tagAndRule)).toEqual([["inspect", "swe.view"]]);
    expect(steps[0]!.commands[0]!.reads).toEqual(["src/app.py"]);
    // The body is not shell: one command, the whole action as its text.
    expect(steps[1]!.commands).toHaveLength(1);
    expect(steps[1]!.commands[0]).toMatchObject({ tag: "act", rule: "swe.edit", writes: ["src/app.py"] });
    expect(steps[1]!.commands[0]!.text).toContain("end_of_edit");
    expect(steps[2]!.commands[0]).toMatchObject({ tag: "verify", rule: "swe.view+after-write", reads: ["src/app.py"] });
  });

  it("str_replace_editor: view is an inspect, create and str_replace are acts, viewing the edit checks it", () => {
    const steps = session(
      "str_replace_editor view /testbed/a.py",
      "str_replace_editor create /testbed/new.py --file_text 'x = 1'",
      "str_replace_editor str_replace /testbed/a.py --old_str 'x = 1' --new_str 'x = 2'",
      "str_replace_editor view /testbed/a.py",
    );
    expect(steps.map((s) => s.commands.map((c) => [c.tag, c.rule, [...c.reads, ...c.writes]]))).toEqual([
      [["inspect", "swe.editor-view", ["/testbed/a.py"]]],
      [["act", "swe.editor-write", ["/testbed/new.py"]]],
      [["act", "swe.editor-write", ["/testbed/a.py"]]],
      [["verify", "swe.editor-view+after-write", ["/testbed/a.py"]]],
    ]);
  });

  it.each([
    ["find_file app.py src", ["src"]],
    ['search_dir "def main" src', ["src"]],
  ])("%s is a recursive inspect of %j", (action, reads) => {
    expect(lastCommand(action)).toMatchObject({ tag: "inspect", rule: "swe.search", reads, recursive: true });
  });

  it("submit declares completion", () => {
    expect(tagAndRule(lastCommand("submit"))).toEqual(["other", "done.declare"]);
  });
});

describe("the step's tag: its most consequential command", () => {
  it.each([
    ["cat a.py && pytest", "verify", "test.pytest", 2],
    ["sed -i 's/a/b/' x.py && python3 -m pytest", "verify", "test.pytest", 2],
    ["ls && rm x", "act", "fs.write", 2],
    ["cd /app && ls", "inspect", "read.list", 2],
    ["cd /app && clear", "other", "nav.cd", 2],
    ["cd /app; ls; make; pytest -q", "verify", "test.pytest", 4],
  ])("%s → %s (%s), %i commands kept", (action, tag, rule, count) => {
    const step = lastStep(action);
    expect([step.tag, step.rule]).toEqual([tag, rule]);
    expect(step.commands).toHaveLength(count);
  });

  it("keeps every command with its own tag, in order, and the top command's confidence", () => {
    const step = lastStep("cat a.py && pytest");
    expect(step.commands.map(tagAndRule)).toEqual([
      ["inspect", "read.file"],
      ["verify", "test.pytest"],
    ]);
    expect(step.confidence).toBe(step.commands[1]!.confidence);
  });
});

describe("substitutions and background processes", () => {
  it("a background process is an act; its script is what it runs", () => {
    expect(lastCommand("python3 server.py &")).toMatchObject({ tag: "act", rule: "background.start", runs: ["server.py"] });
  });

  it("a test run in the background stays a check", () => {
    expect(tagAndRule(lastCommand("pytest -q &"))).toEqual(["verify", "test.pytest"]);
  });

  it("a command inside $(…) serves the outer one: it does not become a check", () => {
    const { commands, tag } = lastStep("python3 server.py &", "kill $(pgrep -f server.py)");
    expect(commands.map(tagAndRule)).toEqual([
      ["act", "proc.signal"],
      ["inspect", "read.processes"],
    ]);
    expect(tag).toBe("act");
  });
});

describe("targets", () => {
  it("records reads, writes and runs as paths resolved against the working directory", () => {
    const steps = session(
      "cd /app",
      "cat src/main.py",
      "sed -i 's/a/b/' src/main.py",
      "python3 run.py",
      "cd src",
      "ls ..",
      "make",
      "cp main.py /tmp/main.py.bak",
    );
    const touched = steps.map(({ commands: [c] }) => ({ reads: c!.reads, writes: c!.writes, runs: c!.runs }));
    expect(touched).toEqual([
      { reads: [], writes: [], runs: [] },
      { reads: ["/app/src/main.py"], writes: [], runs: [] },
      { reads: [], writes: ["/app/src/main.py"], runs: [] },
      { reads: [], writes: [], runs: ["/app/run.py"] },
      { reads: [], writes: [], runs: [] },
      { reads: ["/app"], writes: [], runs: [] },
      { reads: [], writes: ["/app/src"], runs: [] },
      { reads: [], writes: ["/tmp/main.py.bak"], runs: [] },
    ]);
    expect(steps[6]!.commands[0]!.scope).toBe("/app/src");
  });

  // `( … )` and `bash -c` run in a child shell: a cd there does not move the session.
  it("a cd inside a subshell does not move the session", () => {
    expect(lastCommand("(cd /tmp && ls)", "cat a.py").reads).toEqual(["a.py"]);
  });
});

describe("steps without a tag", () => {
  it("user steps, empty actions and comment-only actions get no tag, and do not count as acts", () => {
    const steps = tagSteps([
      { source: "user", action: "rm -rf notes.txt" },
      { action: "" },
      { action: "  \n " },
      { action: null },
      { action: "# thinking about it" },
      { source: "agent", action: "cat notes.txt" },
    ]);
    expect(steps.map((s) => s.tag)).toEqual([null, null, null, null, null, "inspect"]);
    expect(steps.slice(0, 5).map((s) => [s.commands, s.rule, s.confidence])).toEqual(Array(5).fill([[], null, null]));
    // The user's rm was not an agent act: reading notes.txt back is not a check of it.
    expect(steps[5]!.rule).toBe("read.file");
  });
});

describe("how a line is split into commands", () => {
  it("cd DIR && cat > FILE <<EOF: only the cat writes (the trailing redirect is not the cd's)", () => {
    const { commands } = lastStep("cd /app && cat > f.py <<'EOF'\nprint(1)\nEOF");
    expect(commands.map((c) => [c.tag, c.rule, c.writes])).toEqual([
      ["other", "nav.cd", []],
      ["act", "write.redirect", ["/app/f.py"]],
    ]);
  });

  it("a multi-line shell action starting with patch keeps its later lines (patch takes no body)", () => {
    const step = lastStep("patch -p1 < fix.diff\nmake test");
    expect(step.commands.map(tagAndRule)).toEqual([
      ["act", "fs.patch"],
      ["verify", "test.make"],
    ]);
    expect(step.tag).toBe("verify");
  });

  // `a && b &` puts the whole list in the background: the server is started.
  it("cd DIR && python3 server.py & starts a process", () => {
    const step = lastStep("cd /app && python3 server.py &");
    expect([step.tag, step.rule]).toEqual(["act", "background.start"]);
  });
});
