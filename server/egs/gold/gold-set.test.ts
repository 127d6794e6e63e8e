import { describe, expect, it } from "vitest";
import { TAGS } from "../rules/rule-table";
import { evaluateGold, readGoldSet } from "./evaluate-gold";

const gold = readGoldSet();
const commands = gold.flatMap((s) => s.commands);

describe("the gold set", () => {
  it("holds at least 300 hand-labeled commands, each with a tag and a reason", () => {
    expect(commands.length).toBeGreaterThanOrEqual(300);
    for (const c of commands) {
      expect(TAGS).toContain(c.tag);
      expect(c.reason.trim()).not.toBe("");
    }
  });

  it("agrees with the auto tagger on at least 90% of commands (docs/egs.md reports the held-out half)", async () => {
    const report = await evaluateGold(gold);
    expect(report.items).toBe(commands.length);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.kappa).toBeGreaterThanOrEqual(0.85);
  });
});
