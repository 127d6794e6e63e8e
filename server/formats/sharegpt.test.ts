import { describe, expect, it } from "vitest";
import { SAMPLES_MISSING, allInputs, failure, hasSamples, inputFile, noSiblings, virtualFile } from "../testing/format-inputs";
import { shareGptImporter } from "./sharegpt";

const MiB = 1024 * 1024;
const parse = (name: string, text: Buffer | string) => shareGptImporter.parse(virtualFile(name, text), noSiblings);
const conv = (...turns: [string, unknown][]) => ({ conversations: turns.map(([from, value]) => ({ from, value })) });
const fc = (name: string, args: unknown) => JSON.stringify({ name, arguments: args });

describe("ShareGPT fixture as LLaMA-Factory documents it (fixtures/sharegpt-toolcall.json)", () => {
  it("makes one trajectory per array element, keyed by index", async () => {
    const { trajectories, warnings } = await shareGptImporter.parse(inputFile("fixtures/sharegpt-toolcall.json"), noSiblings);
    expect(warnings).toEqual([]);
    expect(trajectories.map((t) => [t.key, t.steps.length, t.agent, t.task])).toEqual([
      ["[0]", 5, null, null],
      ["[1]", 5, null, null],
      ["[2]", 2, null, null],
    ]);
    expect(trajectories.flatMap((t) => t.warnings)).toEqual([]);
  });

  it("turns function_call values into actions and observations into their results", async () => {
    const [t] = (await shareGptImporter.parse(inputFile("fixtures/sharegpt-toolcall.json"), noSiblings)).trajectories;
    // The `system` column comes first, then the conversation.
    expect(t!.steps.map((s) => [s.source, s.toolName ?? null, s.action ?? null, s.observation ?? null])).toEqual([
      ["system", null, null, "You are a terminal agent. Call the bash function to run commands in the container, then answer."],
      ["user", null, null, "Which Python version is installed? Save it to /app/version.txt."],
      ["agent", "bash", "python3 --version", "Python 3.11.2"],
      ["agent", "bash", "python3 --version > /app/version.txt && cat /app/version.txt", "Python 3.11.2"],
      ["agent", null, null, null],
    ]);
    expect(t!.steps[2]!.toolArgs).toEqual({ command: "python3 --version" });
    expect(t!.steps.at(-1)!.thought).toBe("Python 3.11.2 is installed; I saved the version to /app/version.txt.");
  });

  it("reads a list of parallel calls, each observation answering the next call, the gpt text before them as the thought", async () => {
    const [, t] = (await shareGptImporter.parse(inputFile("fixtures/sharegpt-toolcall.json"), noSiblings)).trajectories;
    expect(t!.steps.slice(2).map((s) => [s.thought ?? null, s.action ?? null, s.observation ?? null])).toEqual([
      ["I'll measure the size and count the files at once.", "du -sh /var/log", "12M\t/var/log"],
      [null, "find /var/log -type f | wc -l", "37"],
      ["/var/log uses 12M and holds 37 files.", null, null],
    ]);
  });
});

describe("ShareGPT JSONL fixture (fixtures/sharegpt-terminal.jsonl)", () => {
  it("reads lines, string-encoded arguments, exit codes and the record's metadata", async () => {
    const { trajectories } = await shareGptImporter.parse(inputFile("fixtures/sharegpt-terminal.jsonl"), noSiblings);
    expect(trajectories.map((t) => [t.key, t.agent, t.task?.name, t.reward, t.resolved])).toEqual([
      ["1", { name: "qwen3-coder-480b", model: "qwen3-coder-480b" }, "fix-permissions", 1, true],
      ["2", { name: "qwen3-coder-480b", model: "qwen3-coder-480b" }, "print-cwd", 0, false],
    ]);
    const [t] = trajectories;
    expect(t!.task!.instruction).toBe("/app/run.sh cannot be executed. Fix its permissions and run it.");
    expect(t!.steps.filter((s) => s.toolName).map((s) => [s.toolName, s.action, s.exitCode ?? null])).toEqual([
      ["execute_bash", "ls -l /app/run.sh", null],
      ["execute_bash", "chmod +x /app/run.sh && /app/run.sh", 0],
    ]);
  });
});

describe("ShareGPT edge cases", () => {
  it("keeps a function_call that is not JSON as a text action, and results without a call as their own steps", async () => {
    const { trajectories } = await parse(
      "odd.jsonl",
      JSON.stringify(conv(["human", "go"], ["observation", "early"], ["function_call", "ls -la"], ["observation", "a"], ["observation", "b"], ["gpt", "done"])),
    );
    const [t] = trajectories;
    expect(t!.steps.map((s) => [s.source, s.action ?? null, s.observation ?? null, s.trainable])).toEqual([
      ["user", null, "go", false],
      ["agent", null, "early", false],
      ["agent", "ls -la", "a\nb", true],
      ["agent", null, null, true],
    ]);
    expect(t!.warnings).toEqual([
      "1 tool results match no tool call: kept as steps with only the result",
      '1 function_call values are not JSON {"name", "arguments"}: kept as text actions',
    ]);
  });

  it("accepts `messages` with from/value and the user/assistant role names", async () => {
    const { trajectories } = await parse("m.json", JSON.stringify([{ messages: [{ from: "user", value: "hi" }, { from: "assistant", value: "hello" }] }]));
    expect(trajectories[0]!.steps.map((s) => [s.source, s.observation ?? s.thought])).toEqual([
      ["user", "hi"],
      ["agent", "hello"],
    ]);
  });

  it("does not let a surplus observation answer an older turn's call", async () => {
    const { trajectories } = await parse(
      "two.jsonl",
      JSON.stringify(conv(["human", "go"], ["function_call", JSON.stringify([{ name: "bash", arguments: { command: "a" } }, { name: "bash", arguments: { command: "b" } }])], ["observation", "A"], ["function_call", fc("bash", { command: "c" })], ["observation", "C"])),
    );
    expect(trajectories[0]!.steps.filter((s) => s.action).map((s) => [s.action, s.observation ?? null])).toEqual([
      ["a", "A"],
      ["b", null],
      ["c", "C"],
    ]);
  });
});

describe("ShareGPT, bad input", () => {
  const good = JSON.stringify(conv(["human", "hi"], ["gpt", "hello"]));

  it("names the line of truncated JSON, and the end of a truncated array", async () => {
    expect(await failure(parse("cut.jsonl", `${good}\n${good.slice(0, 40)}`))).toMatch(/^cut\.jsonl \(line 2, column \d+\): the JSON ends too early/);
    expect(await failure(parse("cut.json", `[${good},\n${good.slice(0, 40)}`))).toMatch(/^cut\.json \(line 2, column \d+\): the JSON ends too early/);
  });

  it("names the place of a wrong type or an unknown role", async () => {
    expect(await failure(parse("t.json", JSON.stringify([JSON.parse(good), { conversations: [{ from: "human", value: "a" }, { from: "robot", value: "b" }] }])))).toMatch(
      /^t\.json \(at \[1\]\.conversations\[1\]\.from\): not a valid ShareGPT record: /,
    );
    expect(await failure(parse("t.jsonl", JSON.stringify({ conversations: "hi" })))).toMatch(/^t\.jsonl \(line 1, at conversations\): not a valid ShareGPT record: /);
    expect(await failure(parse("t.jsonl", JSON.stringify({ system: "only" })))).toMatch(/^t\.jsonl \(line 1, at conversations\): not a valid ShareGPT record: /);
  });

  it("says an empty file is one, and names invalid UTF-8", async () => {
    expect(await failure(parse("empty.json", ""))).toBe("empty.json: the file is empty");
    const bytes = Buffer.concat([Buffer.from(`${good}\n${good.slice(0, 30)}`), Buffer.from([0xff]), Buffer.from(good.slice(30))]);
    expect(await failure(parse("bin.jsonl", bytes))).toBe("bin.jsonl (line 2, byte 30 of the line): not valid UTF-8 text (is it a binary file or another encoding?)");
  });

  it("refuses 10,000-deep nesting and 100 MB lines, naming the line", async () => {
    const deep = `{"conversations": [{"from": "human", "value": ${"[".repeat(10_000)}${"]".repeat(10_000)}}]}`;
    expect(await failure(parse("deep.jsonl", `${good}\n${good}\n${deep}`))).toMatch(/^deep\.jsonl \(line 3, byte \d+ of the line\): JSON nested more than 512 levels deep$/);
    const huge = Buffer.alloc(100 * MiB, 0x20);
    huge.write(good, 0);
    expect(await failure(parse("huge.jsonl", huge))).toBe("huge.jsonl (line 1): the line is 100 MiB, more than the 64 MiB allowed");
  });
});

describe("detection", () => {
  it.skipIf(!hasSamples)(`claims its fixtures and none of the other samples and fixtures (${SAMPLES_MISSING} if skipped)`, () => {
    const claimed = allInputs().filter((i) => shareGptImporter.detect(i.head, i.rel));
    expect(claimed.map((i) => i.rel)).toEqual(["fixtures/sharegpt-terminal.jsonl", "fixtures/sharegpt-toolcall.json"]);
  });

  it("does not claim OpenAI messages or a JSON array of plain messages", () => {
    expect(shareGptImporter.detect(JSON.stringify({ messages: [{ role: "user", content: "hi" }] }), "x.jsonl")).toBe(false);
    expect(shareGptImporter.detect(JSON.stringify([{ from: "human", value: "hi" }]), "x.json")).toBe(false);
  });
});
