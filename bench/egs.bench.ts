/*
 * EGS tagging: 1,000,000 commands tagged and scored (tree-sitter parse, rules, context, metrics)
 * → commands/s. The commands are the gold set's sessions, replayed with their file names made
 * unique per copy so the parse cache only helps where real sessions repeat lines (`ls`, `git
 * status`). Floor: JSON.parse of the same sessions as JSON text, in the same run.
 * Then the share of import time that tagging adds: ATIF files built from the same sessions are
 * imported into a fresh embedded database, and their steps tagged alone, in the same run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { evaluateGold, readGoldSet } from "@/server/egs/gold/evaluate-gold";
import { activeRuleTable } from "@/server/egs/rules/rule-table";
import { scoreLoadedSteps } from "@/server/egs/score-steps";
import { loadShellParser } from "@/server/egs/shell/parse-shell";
import { importPaths } from "@/server/imports/import-sources";
import type { Benchmark, Figure } from "./lib/harness";
import { atifJson } from "@/server/testing/atif-document";

const COMMANDS = Number(process.env.BENCH_EGS_COMMANDS ?? 1_000_000);
const IMPORT_FILES = Number(process.env.BENCH_EGS_IMPORT_FILES ?? 1000);

const FILE_NAME = /\b([\w-]+)\.(py|txt|json|ya?ml|csv|log|sh|c|h|go|rs|js|ts|md|cfg|conf|toml|ini|html|sql|pkl|tar\.gz)\b/g;

/** The gold sessions' command lines, copy `n`: every file name made unique to the copy. */
function sessionsCopy(n: number): string[][] {
  return readGoldSet().map((s) => s.commands.map((c) => c.text.replace(FILE_NAME, `$1_${n}.$2`)));
}

function sessionsFor(total: number, salt: string): string[][] {
  const out: string[][] = [];
  let count = 0;
  for (let n = 0; count < total; n++) {
    for (const s of sessionsCopy(n).map((lines) => lines.map((l) => l.replace(FILE_NAME, `$1${salt}.$2`)))) {
      out.push(s);
      count += s.length;
    }
  }
  return out;
}

function atifDocument(id: string, lines: string[]) {
  return atifJson({
    session: id,
    task: `Task ${id}`,
    model: "bench-model",
    commands: lines.map((k) => ({ keystrokes: k, message: "Analysis: looking at the state.\nPlan: run the next command.", output: `$ ${k}\n${"output line\n".repeat(6)}` })),
  });
}

const benchmark: Benchmark = {
  name: "egs",
  description: `${COMMANDS.toLocaleString("en")} commands tagged and scored → commands/s; share of import time (${IMPORT_FILES} ATIF files)`,
  async run({ runs, log }) {
    await loadShellParser();
    const table = activeRuleTable();
    const tagging: number[] = [];
    const floor = { name: "JSON.parse of the sessions", samples: [] as number[] };
    const shares: number[] = [];
    for (let r = 0; r < Math.min(runs, 3); r++) {
      const sessions = sessionsFor(COMMANDS, `r${r}`);
      const total = sessions.reduce((n, s) => n + s.length, 0);
      const texts = sessions.map((s) => JSON.stringify(s));
      let started = performance.now();
      for (const t of texts) JSON.parse(t);
      floor.samples.push(total / ((performance.now() - started) / 1000));
      started = performance.now();
      for (const s of sessions) scoreLoadedSteps(s.map((action) => ({ action })), table);
      tagging.push(total / ((performance.now() - started) / 1000));

      // Import share: the same kind of sessions, five per file (~45 steps), new names again.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-bench-egs-"));
      try {
        const perFile = sessionsFor(IMPORT_FILES * 45, `i${r}`);
        const files: string[][] = [];
        for (let i = 0; i < IMPORT_FILES; i++) files.push(perFile.slice(i * 5, i * 5 + 5).flat());
        fs.mkdirSync(path.join(dir, "atif"));
        files.forEach((lines, i) => fs.writeFileSync(path.join(dir, "atif", `t${i}.trajectory.json`), atifDocument(`bench-${r}-${i}`, lines)));
        const database = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "db") });
        started = performance.now();
        const result = await importPaths(database.db, [path.join(dir, "atif")]);
        const importMs = performance.now() - started;
        await database.close();
        if (result.failed.length) throw new Error(`import failed: ${result.failed[0]!.error}`);
        // Tagging those same steps alone (fresh names: the parse cache does not hold them yet).
        const again = files.map((lines) => lines.map((l) => l.replace(FILE_NAME, "$1x.$2")));
        started = performance.now();
        for (const lines of again) scoreLoadedSteps([{ source: "user" }, ...lines.map((action) => ({ action }))], table);
        const tagMs = performance.now() - started;
        shares.push((100 * tagMs) / importMs);
        log(`run ${r + 1}: ${tagging[r]!.toFixed(0)} commands/s (floor ${floor.samples[r]!.toFixed(0)}/s); import ${(importMs / 1000).toFixed(1)} s, tagging ${(tagMs / 1000).toFixed(1)} s of it (${shares[r]!.toFixed(0)}%)`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    // Agreement with the hand-labeled gold set: rules were tuned on the even sessions only.
    const gold = readGoldSet();
    const half = (parity: number) => gold.filter((_, i) => i % 2 === parity);
    const [all, dev, heldOut] = await Promise.all([evaluateGold(gold), evaluateGold(half(0)), evaluateGold(half(1))]);
    log(`gold set: accuracy all ${all.accuracy.toFixed(3)} (κ ${all.kappa?.toFixed(3)}), dev ${dev.accuracy.toFixed(3)} (κ ${dev.kappa?.toFixed(3)}), held-out ${heldOut.accuracy.toFixed(3)} (κ ${heldOut.kappa?.toFixed(3)})`);
    const figures: Figure[] = [
      { name: "tag + metrics, commands/s", unit: "/s", samples: tagging, baseline: floor },
      { name: "tagging's share of import time", unit: "%", samples: shares, target: "≤ 25 %" },
      { name: "gold-set accuracy, held-out half", unit: "%", samples: [100 * heldOut.accuracy], target: "≥ 90 %" },
      { name: "gold-set accuracy, all", unit: "%", samples: [100 * all.accuracy], target: "≥ 90 %" },
      { name: "gold-set Cohen's κ, all", unit: "", samples: [all.kappa ?? 0] },
    ];
    return figures;
  },
};

export default benchmark;
