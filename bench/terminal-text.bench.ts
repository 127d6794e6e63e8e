/*
 * Terminal recordings → commands: every `sessions/agent.cast` and `sessions/tests.cast` of the
 * shared Terminal-Bench 1 sample trials (casts of up to ~2 MB, mostly progress-bar redraws),
 * parsed and segmented into steps BENCH_TT_REPEAT times per run → MB/s of cast text.
 * Floor: JSON.parse of the same event lines, in the same run — what any reader of the format
 * must at least do. The figures' ratios to it are what to compare across machines.
 */
import fs from "node:fs";
import path from "node:path";
import { parseCast } from "@/server/formats/parse-cast";
import { commandSteps, segmentCastCommands } from "@/server/formats/segment-cast";
import type { Benchmark, Figure } from "./lib/harness";

const SAMPLES = path.resolve(import.meta.dirname, "../../shared/samples/tb1-runs");
const REPEAT = Number(process.env.BENCH_TT_REPEAT ?? 5);

function castFiles(dir: string): string[] {
  const found: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...castFiles(p));
    else if (path.basename(dir) === "sessions" && (e.name === "agent.cast" || e.name === "tests.cast")) found.push(p);
  }
  return found.sort();
}

/** MB/s of `run` over all texts, REPEAT times. */
function throughput(megabytes: number, run: () => void): number {
  const started = performance.now();
  for (let k = 0; k < REPEAT; k++) run();
  return (megabytes * REPEAT) / ((performance.now() - started) / 1000);
}

const benchmark: Benchmark = {
  name: "terminal-text",
  description: `Terminal-Bench 1 sample casts (agent + tests), parsed and segmented ×${REPEAT} → MB/s`,
  async run({ runs, log }) {
    if (!fs.existsSync(SAMPLES)) throw new Error(`${SAMPLES} is missing: this benchmark reads the shared samples`);
    const files = castFiles(SAMPLES);
    const texts = files.map((f) => fs.readFileSync(f, "utf8"));
    const megabytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
    log(`${files.length} casts, ${megabytes.toFixed(1)} MB`);

    const floor = () => {
      for (const text of texts) for (const line of text.split("\n")) if (line !== "" && !line.startsWith("#")) JSON.parse(line);
    };
    const parseOnly = () => {
      texts.forEach((text, i) => parseCast(text, files[i]!));
    };
    let steps = 0;
    const segment = () => {
      steps = 0;
      texts.forEach((text, i) => {
        const cast = parseCast(text, files[i]!);
        steps += commandSteps(cast, segmentCastCommands(cast).commands).length;
      });
    };

    // One untimed pass of each, so the first timed run is not the JIT's warm-up.
    floor();
    parseOnly();
    segment();
    const baseline = { name: "JSON.parse of the lines", samples: [] as number[] };
    const parsed: number[] = [];
    const segmented: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.samples.push(throughput(megabytes, floor));
      parsed.push(throughput(megabytes, parseOnly));
      segmented.push(throughput(megabytes, segment));
      log(`run ${i + 1}: floor ${baseline.samples[i]!.toFixed(0)} MB/s, parseCast ${parsed[i]!.toFixed(0)} MB/s, parse + segment ${segmented[i]!.toFixed(1)} MB/s (${steps} steps)`);
    }
    const figures: Figure[] = [
      { name: "parseCast, MB/s", unit: "MB/s", samples: parsed, baseline },
      { name: "parseCast + segmentCastCommands + commandSteps, MB/s", unit: "MB/s", samples: segmented, baseline, target: "ratio ≥ 0.075 (3× the ≈ 0.025 before the terminal rewrite)" },
    ];
    return figures;
  },
};

export default benchmark;
