import { describe, expect, it } from "vitest";
import { SAMPLES_MISSING, allInputs, failure, hasSamples, inputFile, noSiblings as none, virtualFile as file } from "../testing/format-inputs";
import { exitCodeOf } from "./chat-steps";
import { scanJsonHead } from "./json-records";
import { openaiJsonlImporter } from "./openai-jsonl";

const MiB = 1024 * 1024;
const fixture = (name: string) => inputFile(`fixtures/${name}`);
const parse = (name: string, text: Buffer | string) => openaiJsonlImporter.parse(file(name, text), none);
const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join("\n");
const call = (id: string | null, name: string, args: unknown) => ({ id, type: "function", function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) } });

describe("OpenAI chat JSONL fixture (fixtures/openai-terminal.jsonl)", () => {
  it("makes one trajectory per line, keyed by line number (the blank line 2 skipped)", async () => {
    const { trajectories, warnings } = await openaiJsonlImporter.parse(fixture("openai-terminal.jsonl"), none);
    expect(warnings).toEqual([]);
    expect(trajectories.map((t) => [t.key, t.steps.length])).toEqual([
      ["1", 6],
      ["3", 7],
    ]);
  });

  it("maps a terminal session: context steps, one step per tool call, results by tool_call_id, metadata", async () => {
    const [t] = (await openaiJsonlImporter.parse(fixture("openai-terminal.jsonl"), none)).trajectories;
    expect(t!.agent).toEqual({ name: "deepseek-v3.2", model: "deepseek-v3.2" });
    expect(t!.task).toEqual({ name: "hello-world", instruction: 'Create /app/hello.txt containing "Hello, world!" and make sure it is there.' });
    expect([t!.reward, t!.resolved]).toEqual([1, true]);
    expect(t!.steps.map((s) => [s.source, s.trainable])).toEqual([
      ["system", false],
      ["user", false],
      ["agent", true],
      ["agent", true],
      ["agent", true],
      ["agent", true],
    ]);
    expect(t!.steps.slice(2).map((s) => [s.thought ?? null, s.toolName ?? null, s.action ?? null, s.observation ?? null])).toEqual([
      ["First I'll look at what is in /app.", "bash", "ls -la /app", expect.stringMatching(/^total 8\n/)],
      ["/app is empty. I'll write the file, then read it back.", "bash", "printf 'Hello, world!\\n' > /app/hello.txt", ""],
      [null, "bash", "cat /app/hello.txt", "Hello, world!"],
      ['/app/hello.txt contains "Hello, world!". The task is complete.', null, null, null],
    ]);
    expect(t!.steps[2]!.toolArgs).toEqual({ command: "ls -la /app" });
    expect(t!.warnings).toEqual([]);
  });

  it("renders non-shell tools on one line and reads exit codes the results state", async () => {
    const [, t] = (await openaiJsonlImporter.parse(fixture("openai-terminal.jsonl"), none)).trajectories;
    expect([t!.agent, t!.task]).toEqual([null, null]);
    const agent = t!.steps.filter((s) => s.toolName);
    expect(agent.map((s) => s.action)).toEqual([
      "cd /app && python -m pytest -q",
      'str_replace_editor(command="view", path="/app/calc.py")',
      'str_replace_editor(command="str_replace", path="/app/calc.py", old_str="return a - b", new_str="return a + b")',
      "cd /app && python -m pytest -q",
    ]);
    expect(agent.map((s) => s.exitCode ?? null)).toEqual([1, null, null, 0]);
    expect(agent[0]!.thought).toBeNull(); // content: null beside the tool call
    expect(t!.steps.at(-1)!.thought).toBe("Fixed: add now returns a + b, and both tests pass.");
  });
});

describe("OpenAI chat records, edge cases", () => {
  it("reads legacy function_call / function messages, content parts, developer messages and weight 0", async () => {
    const { trajectories } = await parse(
      "legacy.jsonl",
      jsonl({
        model: "gpt-4o-mini",
        messages: [
          { role: "developer", content: [{ type: "text", text: "Be brief." }] },
          { role: "user", content: [{ type: "text", text: "List /tmp" }, { type: "image_url", image_url: { url: "data:" } }] },
          { role: "assistant", content: null, function_call: { name: "run_shell_command", arguments: '{"cmd": "ls /tmp"}' }, weight: 0 },
          { role: "function", name: "run_shell_command", content: "a.txt\nexit code: 0" },
          { role: "assistant", content: "", reasoning_content: "The listing shows one file." },
        ],
      }),
    );
    const [t] = trajectories;
    expect(t!.agent).toEqual({ name: "gpt-4o-mini", model: "gpt-4o-mini" });
    expect(t!.steps.map((s) => s.source)).toEqual(["system", "user", "agent", "agent"]);
    expect(t!.steps[1]!.observation).toBe("List /tmp\n[image_url]");
    expect(t!.steps[2]).toMatchObject({ action: "ls /tmp", observation: "a.txt\nexit code: 0", exitCode: 0, trainable: false });
    expect(t!.steps[3]!.thought).toBe("The listing shows one file.");
  });

  it("keeps keystrokes, argv commands, bad arguments and unmatched results, and says what it could not map", async () => {
    const { trajectories } = await parse(
      "odd.jsonl",
      jsonl({
        messages: [
          { role: "user", content: "go" },
          {
            role: "assistant",
            content: "Trying things.",
            tool_calls: [
              call("a", "bash_command", { keystrokes: "ls -la\n", duration: 0.1 }),
              call("b", "local_shell", { command: ["bash", "-lc", "pwd"] }),
              call("c", "bash", '{"command": "echo unterminated'),
            ],
          },
          { role: "tool", tool_call_id: "a", content: "total 0" },
          { role: "tool", tool_call_id: "zzz", content: "stray result" },
          { role: "assistant", content: "" },
        ],
      }),
    );
    const [t] = trajectories;
    expect(t!.steps.filter((s) => s.toolName).map((s) => [s.toolName, s.action, s.keystrokes ?? null])).toEqual([
      ["bash_command", "ls -la", "ls -la\n"],
      ["local_shell", "pwd", null],
      ["bash", 'bash("{\\"command\\": \\"echo unterminated")', null],
    ]);
    expect(t!.steps.at(-1)).toMatchObject({ observation: "stray result", trainable: false });
    expect(t!.warnings).toEqual([
      "1 tool results match no tool call: kept as steps with only the result",
      "1 empty assistant turns (no text, no tool call) left out",
      "2 tool calls have no result",
      "1 tool calls have arguments that are not valid JSON (kept as text)",
    ]);
  });

  it("accepts a top-level JSON array of records, keyed by index", async () => {
    const { trajectories } = await parse("records.json", JSON.stringify([{ messages: [{ role: "user", content: "hi" }] }, { messages: [{ role: "user", content: "yo" }] }], null, 2));
    expect(trajectories.map((t) => t.key)).toEqual(["[0]", "[1]"]);
  });

  it("replaces NUL characters (PostgreSQL text cannot hold them), in arguments too", async () => {
    const { trajectories } = await parse("nul.jsonl", jsonl({ messages: [{ role: "assistant", content: "a\u0000b", tool_calls: [call("x", "bash", { command: "printf '\u0000'" })] }] }));
    expect(trajectories[0]!.steps[0]).toMatchObject({ thought: "a\u2400b", action: "printf '\u2400'", toolArgs: { command: "printf '\u2400'" } });
  });

  it.each([
    ["Exit code: 2", 2],
    ["output\n[exit code 127]", 127],
    ["<returncode>1</returncode>\n<output>x</output>", 1],
    ['{"exit_code": 3, "stdout": ""}', 3],
    ["the exit code: 5 was mentioned in passing, mid-text\nmore", null],
    ["all good", null],
  ])("reads the exit code of %j as %s", (text, code) => {
    expect(exitCodeOf(text)).toBe(code);
  });
});

describe("OpenAI chat JSONL, bad input", () => {
  const good = JSON.stringify({ messages: [{ role: "user", content: "hi" }] });

  it("names the line of truncated JSON", async () => {
    expect(await failure(parse("cut.jsonl", `${good}\n${good.slice(0, 30)}`))).toMatch(/^cut\.jsonl \(line 2, column \d+\): the JSON ends too early \(truncated file\?\)$/);
  });

  it("names the line and field of a wrong type", async () => {
    expect(await failure(parse("types.jsonl", `${good}\n${JSON.stringify({ messages: [{ role: "user", content: "a" }, { role: 5 }] })}`))).toMatch(
      /^types\.jsonl \(line 2, at messages\[1\]\.role\): not a valid OpenAI chat record: /,
    );
    expect(await failure(parse("types.json", JSON.stringify([{ messages: [] }])))).toMatch(/^types\.json \(at \[0\]\.messages\): not a valid OpenAI chat record: /);
  });

  it("says an empty or blank file is one", async () => {
    expect(await failure(parse("empty.jsonl", ""))).toBe("empty.jsonl: the file is empty");
    expect(await failure(parse("blank.jsonl", "\n  \n"))).toBe("blank.jsonl: the file holds only blank lines");
  });

  it("names the line and byte of invalid UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from(`${good}\n{"messages": "`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    expect(await failure(parse("latin.jsonl", bytes))).toBe("latin.jsonl (line 2, byte 14 of the line): not valid UTF-8 text (is it a binary file or another encoding?)");
  });

  it("refuses a line nested 10,000 levels deep instead of overflowing the stack", async () => {
    const deep = `{"messages": [{"role": "user", "content": ${"[".repeat(10_000)}${"]".repeat(10_000)}}]}`;
    expect(await failure(parse("deep.jsonl", `${good}\n${deep}`))).toMatch(/^deep\.jsonl \(line 2, byte \d+ of the line\): JSON nested more than 512 levels deep$/);
  });

  it("refuses a 100 MB line by its size, naming it, without parsing it", async () => {
    const huge = Buffer.alloc(100 * MiB, 0x61);
    huge.write('{"messages": [{"role": "user", "content": "', 0);
    huge.write('"}]}', huge.length - 4);
    expect(await failure(parse("huge.jsonl", Buffer.concat([Buffer.from(`${good}\n`), huge])))).toBe(
      "huge.jsonl (line 2): the line is 100 MiB, more than the 64 MiB allowed",
    );
  });

  it("explains that a pretty-printed object is not JSONL", async () => {
    expect(await failure(parse("pretty.jsonl", JSON.stringify(JSON.parse(good), null, 2)))).toBe(
      "pretty.jsonl (line 1): not JSONL: each record must be one line (or the file one JSON array)",
    );
  });
});

describe("detection", () => {
  it.skipIf(!hasSamples)(`claims its fixture and none of the other samples and fixtures (${SAMPLES_MISSING} if skipped)`, () => {
    const inputs = allInputs();
    expect(inputs.length).toBeGreaterThan(40);
    expect(inputs.filter((i) => openaiJsonlImporter.detect(i.head, i.rel)).map((i) => i.rel)).toEqual(["fixtures/openai-terminal.jsonl"]);
  });

  it("judges JSONL by content: a first line longer than the head still counts, a pretty-printed document does not", () => {
    const long = JSON.stringify({ messages: [{ role: "system", content: "x".repeat(200_000) }, { role: "user", content: "hi" }] });
    expect(openaiJsonlImporter.detect(long.slice(0, 65536), "data.txt")).toBe(true);
    expect(scanJsonHead(long.slice(0, 65536)).multiline).toBe(false);
    expect(openaiJsonlImporter.detect(JSON.stringify(JSON.parse(long), null, 2).slice(0, 65536), "data.jsonl")).toBe(false);
    expect(openaiJsonlImporter.detect(`\n\n${JSON.stringify({ messages: [{ role: "user", content: "hi" }] })}\n`, "x")).toBe(true);
    expect(openaiJsonlImporter.detect("not json at all", "data.jsonl")).toBe(false);
    // mini-swe-agent's format also has `messages` of `role` objects; it says which format it is.
    expect(openaiJsonlImporter.detect(JSON.stringify({ messages: [{ role: "user", content: "hi" }], trajectory_format: "mini-swe-agent-1" }), "t.json")).toBe(false);
  });
});
