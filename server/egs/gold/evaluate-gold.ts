import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "@/db/config";
import { type Agreement, cohensKappa } from "../agreement";
import type { RuleTable, Tag } from "../rules/rule-table";
import { loadShellParser } from "../shell/parse-shell";
import { tagSteps } from "../tag-commands";

export type GoldSession = { id: string; source: string; harness: string; commands: { text: string; tag: Tag; reason: string }[] };

export type GoldReport = Agreement & {
  sessions: number;
  accuracy: number;
  /** gold tag → auto tag → count */
  confusion: Record<Tag, Record<Tag | "none", number>>;
  mistakes: { session: string; index: number; text: string; gold: Tag; auto: Tag | null; rule: string | null; reason: string }[];
};

export function goldSetPath(): string {
  return path.join(packageRoot(), "server", "egs", "gold", "gold-set.jsonl");
}

export function readGoldSet(file = goldSetPath()): GoldSession[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GoldSession);
}

/** Tags each gold session in order (context matters) and compares step tags with the hand labels. */
export async function evaluateGold(sessions: GoldSession[], table?: RuleTable): Promise<GoldReport> {
  await loadShellParser();
  const pairs: [Tag, Tag][] = [];
  const confusion = {} as GoldReport["confusion"];
  const mistakes: GoldReport["mistakes"] = [];
  let total = 0;
  for (const session of sessions) {
    const tagged = tagSteps(session.commands.map((c) => ({ action: c.text })), table);
    session.commands.forEach((gold, index) => {
      const auto = tagged[index]!;
      total++;
      confusion[gold.tag] ??= { inspect: 0, act: 0, verify: 0, other: 0, none: 0 };
      confusion[gold.tag][auto.tag ?? "none"]++;
      pairs.push([gold.tag, auto.tag ?? "other"]);
      if (auto.tag !== gold.tag) mistakes.push({ session: session.id, index, text: gold.text, gold: gold.tag, auto: auto.tag, rule: auto.rule, reason: gold.reason });
    });
  }
  const agreement = cohensKappa(pairs);
  return { ...agreement, sessions: sessions.length, accuracy: total ? (total - mistakes.length) / total : 0, confusion, mistakes };
}
