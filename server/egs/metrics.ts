import type { Tag } from "./rules/rule-table";
import { TAG_PRIORITY } from "./tag-commands";
import { TargetIndex, isInside, isKinded, overlaps, parentOf } from "./targets";

/** The metric definitions' version, stored with every score (see docs/egs.md). */
export const EGS_VERSION = "egs-v1";

/** EGS weights: TOR, VAR and closed loop count equally in egs-v1. */
export const EGS_WEIGHTS = { tor: 1 / 3, var: 1 / 3, closedLoop: 1 / 3 } as const;

/** A command as the metrics see it: its effective tag (a human label wins) and what it touched. */
export type MetricCommand = { tag: Tag; reads?: string[]; writes?: string[]; runs?: string[]; tests?: boolean; recursive?: boolean };
export type MetricStep = { index: number; tag: Tag | null; commands: MetricCommand[] };

/** Where a command is: step index (as stored) and its position in the step. */
export type CommandRef = { step: number; command: number };

export type EgsMetrics = {
  tor: number | null;
  var: number | null;
  closedLoop: number | null;
  iavCycles: number;
  egs: number | null;
  /** Agent actions (steps with a command) by tag, and their shares. */
  counts: Record<Tag, number>;
  shares: Record<Tag, number>;
  detail: EgsDetail;
};

/** The breakdown a reader checks the numbers against. */
export type EgsDetail = {
  egsVersion: string;
  weights: typeof EGS_WEIGHTS;
  acts: {
    at: CommandRef;
    targets: string[];
    /** The earlier inspect (or verify) that observed a target, if any. */
    supportedBy: (CommandRef & { target: string }) | null;
    /** The later verify that checked it before the target was changed again, if any. */
    verifiedBy: CommandRef | null;
  }[];
  lastAct: CommandRef | null;
  closingVerify: CommandRef | null;
};

type Flat = MetricCommand & { at: CommandRef; targets: string[] };

/**
 * TOR, VAR, closed loop, IAV cycles and EGS for one trajectory (definitions in docs/egs.md).
 * Every command takes its step's effective tag when a human relabeled the step.
 */
export function computeMetrics(steps: MetricStep[]): EgsMetrics {
  const flat: Flat[] = [];
  const counts: Record<Tag, number> = { inspect: 0, act: 0, verify: 0, other: 0 };
  for (const step of steps) {
    if (step.commands.length === 0) continue;
    const stepTag = step.tag ?? strongest(step.commands);
    counts[stepTag]++;
    const autoTop = strongest(step.commands);
    step.commands.forEach((c, i) => {
      // A human label replaces the step's tag: its commands take it where they carried the old one.
      const tag = step.tag && step.tag !== autoTop && c.tag === autoTop ? step.tag : c.tag;
      const targets = tag === "act" ? actTargets(c) : touchedBy(c);
      // Listed field by field: spreading the stored command (its text included) costs more than the metrics.
      flat.push({ tag, reads: c.reads, writes: c.writes, runs: c.runs, tests: c.tests, recursive: c.recursive, at: { step: step.index, command: i }, targets });
    });
  }

  const acts: EgsDetail["acts"] = [];
  const observed = new Observations();
  flat.forEach((c, i) => {
    if (c.tag === "act") acts.push({ at: c.at, targets: c.targets, supportedBy: observed.support(c.targets), verifiedBy: verifierOf(c, flat, i + 1) });
    else if (c.tag === "inspect" || c.tag === "verify") observed.add(c, i);
  });
  const lastActIndex = flat.findLastIndex((c) => c.tag === "act");
  const closing = lastActIndex === -1 ? undefined : flat.slice(lastActIndex + 1).find((c) => c.tag === "verify");

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const shares = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, total ? v / total : 0])) as Record<Tag, number>;
  const tor = acts.length ? acts.filter((a) => a.supportedBy).length / acts.length : null;
  const varRate = acts.length ? acts.filter((a) => a.verifiedBy).length / acts.length : null;
  const closedLoop = acts.length ? (closing ? 1 : 0) : null;
  return {
    tor,
    var: varRate,
    closedLoop,
    iavCycles: acts.filter((a) => a.supportedBy && a.verifiedBy).length,
    egs: tor === null || varRate === null || closedLoop === null ? null : EGS_WEIGHTS.tor * tor + EGS_WEIGHTS.var * varRate + EGS_WEIGHTS.closedLoop * closedLoop,
    counts,
    shares,
    detail: {
      egsVersion: EGS_VERSION,
      weights: EGS_WEIGHTS,
      acts,
      lastAct: lastActIndex === -1 ? null : flat[lastActIndex]!.at,
      closingVerify: closing?.at ?? null,
    },
  };
}

function strongest(commands: MetricCommand[]): Tag {
  return commands.reduce<Tag>((best, c) => (TAG_PRIORITY[c.tag] > TAG_PRIORITY[best] ? c.tag : best), "other");
}

function touchedBy(c: MetricCommand): string[] {
  const { reads, runs, writes } = c;
  if (!runs?.length && !writes?.length) return reads ?? [];
  return [...(reads ?? []), ...(runs ?? []), ...(writes ?? [])];
}

/** What an act changed: its writes, else what it ran, else (relabeled by a human) what it read. */
function actTargets(c: MetricCommand): string[] {
  if (c.writes?.length) return c.writes;
  if (c.runs?.length) return c.runs;
  return c.reads ?? [];
}

type Seen = { at: CommandRef; order: number };

/**
 * What inspects and verifies have observed so far (reads and runs), indexed so that finding the
 * first observation of a target, of its directory, or of a tree holding it stays cheap.
 */
class Observations {
  private index = new TargetIndex<Seen>();
  private trees: { target: string; seen: Seen }[] = [];

  add(c: Flat, order: number) {
    for (const target of [...(c.reads ?? []), ...(c.runs ?? [])]) {
      this.index.add(target, { at: c.at, order });
      if (c.recursive) this.trees.push({ target, seen: { at: c.at, order } });
    }
  }

  /** The earliest observation of one of the act's targets, of its directory, or of a tree holding it. */
  support(targets: string[]): (CommandRef & { target: string }) | null {
    let best: { target: string; seen: Seen } | undefined;
    const consider = (found: { target: string; value: Seen } | { target: string; seen: Seen } | undefined) => {
      if (!found) return;
      const seen = "value" in found ? found.value : found.seen;
      if (!best || seen.order < best.seen.order) best = { target: found.target, seen };
    };
    for (const target of targets) {
      consider(this.index.same(target));
      if (!isKinded(target)) consider(this.index.same(parentOf(target)));
      for (const tree of this.trees) if (isInside(target, tree.target)) consider(tree);
    }
    return best ? { ...best.seen.at, target: best.target } : null;
  }
}

/**
 * The first later verify that checks the act before its target is changed again: one touching a
 * target, a test run, or a general check (a verify naming nothing, like `echo $?`). An act with
 * no known target is checked by the first verify before the next act.
 */
function verifierOf(act: Flat, flat: Flat[], from: number): CommandRef | null {
  for (let i = from; i < flat.length; i++) {
    const next = flat[i]!;
    if (next.tag === "act") {
      if (act.targets.length === 0 || next.targets.some((t) => act.targets.some((a) => overlaps(a, t)))) return null;
      continue;
    }
    if (next.tag !== "verify") continue;
    if (next.tests || next.targets.length === 0 || act.targets.length === 0) return next.at;
    if (next.targets.some((t) => act.targets.some((a) => overlaps(a, t)))) return next.at;
  }
  return null;
}
