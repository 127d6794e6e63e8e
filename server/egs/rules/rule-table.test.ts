import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { loadShellParser } from "../shell/parse-shell";
import { tagSteps } from "../tag-commands";
import { type RuleTableSource, compileRuleTable } from "./rule-table";

/** A minimal valid rule; `over` replaces fields. */
const rule = (over: Record<string, unknown> = {}) => ({
  id: "team.cat-writes",
  tag: "act",
  confidence: 0.9,
  programs: ["cat"],
  targets: "args",
  why: "in our harness `cat` is a wrapper that writes",
  ...over,
});

const extension = (over: Record<string, unknown> = {}): RuleTableSource => ({ version: "team-1", rules: [rule()], ...over }) as RuleTableSource;

const errorOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

beforeAll(async () => {
  await loadShellParser();
});

describe("compileRuleTable: the built-in table", () => {
  const table = compileRuleTable();

  it("validates and carries the built-in version", () => {
    expect(table.version).toBe("egs-v1");
  });

  it("indexes rules by program, keeping the table's order", () => {
    // `git` has several rules; the first must be git.read (diff/status/…), git.write is the catch-all.
    const git = table.byProgram.get("git")!.map((r) => r.id);
    expect(git[0]).toBe("git.read");
    expect(git.at(-1)).toBe("git.write");
    expect(table.anyProgram.map((r) => r.id)).toContain("query.version");
    expect(table.pathPrograms.map((r) => r.id)).toEqual(expect.arrayContaining(["test.path-script", "run.program"]));
  });

  it("compiles patterns case-insensitively", () => {
    const probe = table.byProgram.get("curl")!.find((r) => r.id === "probe.local")!;
    expect(probe.argPattern!.test("http://LOCALHOST:8000")).toBe(true);
    expect(probe.argPattern!.test("https://example.com")).toBe(false);
  });

  it("knows the shells, the wrappers and the tools whose body follows the first line", () => {
    expect(table.shells.has("bash")).toBe(true);
    expect(table.wrappers.get("timeout")?.positional).toBe(1);
    expect(table.takesBody.has("edit")).toBe(true);
    expect(table.takesBody.has("cat")).toBe(false);
  });
});

describe("compileRuleTable: an extension table", () => {
  it("tries the extension's rules before the built-in ones", () => {
    const table = compileRuleTable(extension());
    const cat = table.byProgram.get("cat")!.map((r) => r.id);
    expect(cat[0]).toBe("team.cat-writes");
    expect(cat).toContain("read.file"); // the built-in rules are still there, after it
    // And the tagger uses it: `cat x` is now an act writing x, not an inspect.
    const [step] = tagSteps([{ action: "cat notes.txt" }], table);
    expect(step!.commands[0]).toMatchObject({ tag: "act", rule: "team.cat-writes", writes: ["notes.txt"] });
    // The built-in table is unchanged.
    expect(tagSteps([{ action: "cat notes.txt" }], compileRuleTable())[0]!.tag).toBe("inspect");
  });

  it("adds its wrappers", () => {
    const table = compileRuleTable(extension({ rules: [], wrappers: [{ name: "in-sandbox", positional: 1 }] }));
    // `in-sandbox box7 rm x` runs `rm x`.
    expect(tagSteps([{ action: "in-sandbox box7 rm x" }], table)[0]!.commands[0]).toMatchObject({ tag: "act", rule: "fs.write", writes: ["x"] });
  });

  it("names both versions and a digest of the extension", () => {
    const version = compileRuleTable(extension()).version;
    expect(version).toMatch(/^egs-v1\+team-1\.[0-9a-f]{8}$/);
    // Same content, same version; changed content (same version string), another digest.
    expect(compileRuleTable(extension()).version).toBe(version);
    const changed = compileRuleTable(extension({ rules: [rule({ confidence: 0.5 })] })).version;
    expect(changed).toMatch(/^egs-v1\+team-1\.[0-9a-f]{8}$/);
    expect(changed).not.toBe(version);
  });
});

describe("compileRuleTable: invalid tables", () => {
  it.each(["argMatches", "codeMatches", "programMatches"])("an invalid %s pattern names the rule", (field) => {
    const bad = extension({ rules: [rule({ id: "team.broken", [field]: "([unclosed" })] });
    expect(() => compileRuleTable(bad)).toThrow(/^rule team\.broken: invalid pattern "\(\[unclosed"/);
  });

  it("rejects an unknown key in a rule (a typo must not silently widen a rule)", () => {
    const error = errorOf(() => compileRuleTable(extension({ rules: [rule({ program: ["cat"] })] })));
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: ["program"], path: ["rules", 0] })]);
  });

  it("rejects an unknown key in a wrapper and at the top level", () => {
    const wrapper = errorOf(() => compileRuleTable(extension({ wrappers: [{ name: "w", positonal: 1 }] })));
    expect((wrapper as ZodError).issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: ["positonal"], path: ["wrappers", 0] })]);
    const top = errorOf(() => compileRuleTable(extension({ rule: [] })));
    expect((top as ZodError).issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: ["rule"], path: [] })]);
  });

  it.each([
    ["an unknown tag", { tag: "check" }, ["rules", 0, "tag"]],
    ["a confidence above 1", { confidence: 1.5 }, ["rules", 0, "confidence"]],
    ["no programs", { programs: [] }, ["rules", 0, "programs"]],
    ["an unknown target mode", { targets: "all" }, ["rules", 0, "targets"]],
  ])("rejects %s", (_what, over, where) => {
    const error = errorOf(() => compileRuleTable(extension({ rules: [rule(over)] })));
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path)).toEqual([where]);
  });

  it("requires a version", () => {
    expect(() => compileRuleTable({ rules: [] } as unknown as RuleTableSource)).toThrow(ZodError);
  });
});
