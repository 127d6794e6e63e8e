import { beforeAll, describe, expect, it } from "vitest";
import { type MetricCommand, type MetricStep, computeMetrics } from "./metrics";
import type { Tag } from "./rules/rule-table";
import { loadShellParser } from "./shell/parse-shell";
import { tagSteps } from "./tag-commands";

const inspect = (...reads: string[]): MetricCommand => ({ tag: "inspect", reads });
const tree = (dir: string): MetricCommand => ({ tag: "inspect", reads: [dir], recursive: true });
const act = (...writes: string[]): MetricCommand => ({ tag: "act", writes });
const verify = (...reads: string[]): MetricCommand => ({ tag: "verify", reads });
const testRun: MetricCommand = { tag: "verify", tests: true };
const other: MetricCommand = { tag: "other" };

/** One step per argument (an array is a step of several commands), indexed 0…n, no human label. */
const steps = (...each: (MetricCommand | MetricCommand[])[]): MetricStep[] =>
  each.map((c, index) => ({ index, tag: null, commands: Array.isArray(c) ? c : [c] }));

describe("TOR: acts whose target was observed earlier", () => {
  it.each([
    ["the same path", inspect("/app/a.py"), "/app/a.py", 1],
    ["its directory", inspect("/app"), "/app/new.py", 1],
    ["a recursive read of an ancestor", tree("/app"), "/app/src/deep/x.py", 1],
    ["a plain read of an ancestor that is not the parent", inspect("/app"), "/app/src/deep/x.py", 0],
    ["a floating path (unknown cwd) matching by its tail", inspect("src/app.py"), "/app/src/app.py", 1],
    ["a floating directory matching the parent's tail", inspect("src"), "/app/src/new.py", 1],
    ["another file in the same directory", inspect("/app/b.py"), "/app/a.py", 0],
    ["a listing of all packages", inspect("package:*"), "package:requests", 1],
    ["another package", inspect("package:jq"), "package:curl", 0],
    ["an observation by a verify", verify("/app/a.py"), "/app/a.py", 1],
  ])("observed by %s → TOR %i", (_what, observation, target, tor) => {
    // 1 act; supported or not → TOR 1/1 or 0/1
    const m = computeMetrics(steps(observation, act(target)));
    expect(m.tor).toBe(tor);
    expect(m.detail.acts[0]!.supportedBy).toEqual(tor ? { step: 0, command: 0, target: observation.reads![0] } : null);
  });

  it("an inspect after the act does not support it", () => {
    expect(computeMetrics(steps(act("/app/a.py"), inspect("/app/a.py"))).tor).toBe(0);
  });

  it("counts each act: 2 acts, 1 supported → 1/2", () => {
    const m = computeMetrics(steps(inspect("/app/a.py"), act("/app/a.py"), act("/srv/b.py")));
    expect(m.tor).toBe(1 / 2);
  });
});

describe("VAR: acts checked by a later verify before their target changes again", () => {
  it.each([
    ["a verify reading the target", verify("/app/a.py"), 1],
    ["a verify reading its directory", verify("/app"), 1],
    ["a test run", testRun, 1],
    ["a verify naming nothing (echo $?)", { tag: "verify" } as MetricCommand, 1],
    ["a verify of another file", verify("/app/b.py"), 0],
    ["an inspect of the target", inspect("/app/a.py"), 0],
  ])("checked by %s → VAR %i", (_what, check, rate) => {
    // 1 act → VAR 1/1 or 0/1
    const m = computeMetrics(steps(act("/app/a.py"), check));
    expect(m.var).toBe(rate);
    expect(m.detail.acts[0]!.verifiedBy).toEqual(rate ? { step: 1, command: 0 } : null);
  });

  it("not when the target is acted on again first: 2 acts, the second verified → 1/2", () => {
    const m = computeMetrics(steps(act("/app/a.py"), act("/app/a.py"), verify("/app/a.py")));
    expect(m.detail.acts.map((a) => a.verifiedBy)).toEqual([null, { step: 2, command: 0 }]);
    expect(m.var).toBe(1 / 2);
  });

  it("an act on another target in between does not matter: a verified, b not → 1/2", () => {
    const m = computeMetrics(steps(act("/app/a.py"), act("/app/b.py"), verify("/app/a.py")));
    expect(m.detail.acts.map((a) => a.verifiedBy)).toEqual([{ step: 2, command: 0 }, null]);
    expect(m.var).toBe(1 / 2);
  });

  it("an act with no known target is checked by any verify before the next act", () => {
    // kill; verify → 1/1
    expect(computeMetrics(steps(act(), verify("/x"))).var).toBe(1);
    // kill; act b; verify b → the kill is cut off by the next act: 1 of 2
    const m = computeMetrics(steps(act(), act("/b"), verify("/b")));
    expect(m.detail.acts.map((a) => a.verifiedBy)).toEqual([null, { step: 2, command: 0 }]);
    expect(m.var).toBe(1 / 2);
  });
});

describe("closed loop: the last act is followed by a verify", () => {
  it("is 1 when a verify follows the last act, whatever it touches", () => {
    const m = computeMetrics(steps(act("/app/a.py"), verify("/srv/other")));
    expect(m.closedLoop).toBe(1);
    expect(m.var).toBe(0); // …while that verify does not check the act itself
    expect([m.detail.lastAct, m.detail.closingVerify]).toEqual([
      { step: 0, command: 0 },
      { step: 1, command: 0 },
    ]);
  });

  it("is 0 when the trajectory ends on an act, even if earlier acts were verified", () => {
    const m = computeMetrics(steps(act("/a"), verify("/a"), act("/b")));
    expect(m.closedLoop).toBe(0);
    expect(m.var).toBe(1 / 2);
    expect([m.detail.lastAct, m.detail.closingVerify]).toEqual([{ step: 2, command: 0 }, null]);
  });

  it("a verify later in the same step closes the loop", () => {
    const m = computeMetrics(steps([act("/a"), testRun]));
    expect(m.closedLoop).toBe(1);
    expect(m.detail.closingVerify).toEqual({ step: 0, command: 1 });
  });
});

describe("IAV cycles and EGS", () => {
  it("EGS is the mean of TOR, VAR and closed loop; IAV counts acts both supported and verified", () => {
    // act /app/a.py: supported (step 0), verified (step 3)
    // act /app/b.py: not supported (/app/a.py is neither it nor /app), not verified (step 3 reads a.py)
    // TOR 1/2, VAR 1/2, closed loop 1 (step 3 follows the last act) → EGS (1/2 + 1/2 + 1)/3 = 2/3; IAV 1
    const m = computeMetrics(steps(inspect("/app/a.py"), act("/app/a.py"), act("/app/b.py"), verify("/app/a.py")));
    expect([m.tor, m.var, m.closedLoop]).toEqual([1 / 2, 1 / 2, 1]);
    expect(m.egs).toBeCloseTo(2 / 3, 12);
    expect(m.iavCycles).toBe(1);
  });

  it("two full inspect → act → verify cycles", () => {
    // both acts supported and verified: TOR 1, VAR 1, closed loop 1 → EGS 1; IAV 2
    const m = computeMetrics(steps(inspect("/a"), act("/a"), verify("/a"), inspect("/b"), act("/b"), testRun));
    expect(m.iavCycles).toBe(2);
    expect(m.egs).toBeCloseTo(1, 12);
  });

  it("records the definitions' version and weights with the breakdown", () => {
    const { detail } = computeMetrics(steps(act("/a")));
    expect(detail.egsVersion).toBe("egs-v1");
    expect(detail.weights.tor + detail.weights.var + detail.weights.closedLoop).toBeCloseTo(1, 12);
  });

  it.each([
    ["no steps", []],
    ["only inspects and verifies", steps(inspect("/a"), verify("/a"), other)],
  ])("%s: no acts, so no rates (null, not 0)", (_what, input) => {
    const m = computeMetrics(input);
    expect([m.tor, m.var, m.closedLoop, m.egs]).toEqual([null, null, null, null]);
    expect(m.iavCycles).toBe(0);
    expect(m.detail).toMatchObject({ acts: [], lastAct: null, closingVerify: null });
  });
});

describe("counts and shares", () => {
  it("count steps by their tag (the strongest command), skipping steps without commands", () => {
    const input: MetricStep[] = [
      { index: 0, tag: null, commands: [inspect("/a")] },
      { index: 1, tag: null, commands: [inspect("/a"), act("/a")] }, // → act
      { index: 2, tag: null, commands: [verify("/a")] },
      { index: 3, tag: null, commands: [] }, // a prompt or a thought
      { index: 4, tag: null, commands: [other] },
      { index: 5, tag: null, commands: [other, inspect("/b")] }, // → inspect
    ];
    // inspect 2, act 1, verify 1, other 1 = 5 steps → 2/5, 1/5, 1/5, 1/5
    const m = computeMetrics(input);
    expect(m.counts).toEqual({ inspect: 2, act: 1, verify: 1, other: 1 });
    expect(m.shares).toEqual({ inspect: 2 / 5, act: 1 / 5, verify: 1 / 5, other: 1 / 5 });
  });

  it("all shares are 0 when no step has a command", () => {
    expect(computeMetrics([{ index: 0, tag: null, commands: [] }]).shares).toEqual({ inspect: 0, act: 0, verify: 0, other: 0 });
  });
});

describe("human labels", () => {
  const labeled = (tag: Tag | null, commands: MetricCommand[], index: number): MetricStep => ({ index, tag, commands });

  it("an act relabeled inspect no longer counts as an act", () => {
    const m = computeMetrics([labeled("inspect", [act("/app/a.py")], 0)]);
    expect(m.counts).toEqual({ inspect: 1, act: 0, verify: 0, other: 0 });
    expect(m.tor).toBeNull();
  });

  it("an inspect relabeled verify checks the earlier act", () => {
    const auto = computeMetrics([labeled(null, [act("/a")], 0), labeled(null, [inspect("/a")], 1)]);
    expect([auto.var, auto.closedLoop]).toEqual([0, 0]);
    const human = computeMetrics([labeled(null, [act("/a")], 0), labeled("verify", [inspect("/a")], 1)]);
    expect([human.var, human.closedLoop]).toEqual([1, 1]);
    expect(human.counts.verify).toBe(1);
  });

  it("only the commands carrying the auto top tag take the human tag", () => {
    // Step 1 auto: [inspect, act] → act; human: verify. Its act becomes a verify, its inspect stays.
    // Acts left: step 0 only, checked by step 1's second command. TOR 0/1, VAR 1/1.
    const m = computeMetrics([labeled(null, [act("/a")], 0), labeled("verify", [inspect("/zzz"), act("/a")], 1)]);
    expect(m.detail.acts).toEqual([{ at: { step: 0, command: 0 }, targets: ["/a"], supportedBy: null, verifiedBy: { step: 1, command: 1 } }]);
    expect(m.var).toBe(1);
  });

  it("an inspect relabeled act acts on what it read", () => {
    const m = computeMetrics([labeled(null, [inspect("/app")], 0), labeled("act", [inspect("/app/a.py")], 1)]);
    expect(m.detail.acts).toEqual([{ at: { step: 1, command: 0 }, targets: ["/app/a.py"], supportedBy: { step: 0, command: 0, target: "/app" }, verifiedBy: null }]);
    expect(m.tor).toBe(1);
  });

  it("a human label equal to the auto tag changes nothing", () => {
    const input = [labeled(null, [inspect("/a"), act("/a")], 0), labeled(null, [verify("/a")], 1)];
    const same = input.map((s) => ({ ...s, tag: s.index === 0 ? ("act" as const) : ("verify" as const) }));
    expect(computeMetrics(same)).toEqual(computeMetrics(input));
  });
});

describe("detail.acts", () => {
  it("points at the stored step index and the command's position in its step", () => {
    const m = computeMetrics([
      { index: 3, tag: null, commands: [inspect("/app")] },
      { index: 7, tag: null, commands: [other, act("/app/a.py")] },
      { index: 12, tag: null, commands: [inspect("/etc/x"), verify("/app/a.py")] },
    ]);
    expect(m.detail.acts).toEqual([
      {
        at: { step: 7, command: 1 },
        targets: ["/app/a.py"],
        supportedBy: { step: 3, command: 0, target: "/app" },
        verifiedBy: { step: 12, command: 1 },
      },
    ]);
    expect(m.detail.lastAct).toEqual({ step: 7, command: 1 });
    expect(m.detail.closingVerify).toEqual({ step: 12, command: 1 });
  });
});

describe("end to end: tagged sessions", () => {
  beforeAll(async () => {
    await loadShellParser();
  });

  const score = (actions: string[], human: Record<number, Tag> = {}) => {
    const tagged = tagSteps(actions.map((action) => ({ action })));
    return computeMetrics(tagged.map((t, index) => ({ index, tag: human[index] ?? t.tag, commands: t.commands })));
  };

  it("read, edit, test: one full cycle", () => {
    // other, inspect /app/config.py, act /app/config.py, verify (tests)
    // 1 act: supported by step 1, verified by step 3 → TOR 1, VAR 1, closed loop 1 → EGS 1; IAV 1
    const m = score(["cd /app", "cat config.py", "sed -i 's/DEBUG = True/DEBUG = False/' config.py", "python3 -m pytest -q"]);
    expect(m.counts).toEqual({ inspect: 1, act: 1, verify: 1, other: 1 });
    expect(m.detail.acts).toEqual([
      { at: { step: 2, command: 0 }, targets: ["/app/config.py"], supportedBy: { step: 1, command: 0, target: "/app/config.py" }, verifiedBy: { step: 3, command: 0 } },
    ]);
    expect([m.tor, m.var, m.closedLoop, m.egs, m.iavCycles]).toEqual([1, 1, 1, 1, 1]);
  });

  it("two blind writes, one read back", () => {
    // act a.txt, act b.txt, verify a.txt (read back)
    // TOR 0/2; VAR 1/2 (a.txt checked, b.txt not); closed loop 1 → EGS (0 + 1/2 + 1)/3 = 1/2; IAV 0
    const m = score(["touch a.txt", "echo hi > b.txt", "cat a.txt"]);
    expect([m.tor, m.var, m.closedLoop, m.iavCycles]).toEqual([0, 1 / 2, 1, 0]);
    expect(m.egs).toBeCloseTo(1 / 2, 12);
    // A human says the read-back was only a look: no verify left → VAR 0, closed loop 0 → EGS 0
    const relabeled = score(["touch a.txt", "echo hi > b.txt", "cat a.txt"], { 2: "inspect" });
    expect([relabeled.tor, relabeled.var, relabeled.closedLoop, relabeled.egs]).toEqual([0, 0, 0, 0]);
    expect(relabeled.counts).toEqual({ inspect: 1, act: 2, verify: 0, other: 0 });
  });

  it("packages: listed, installed, shown", () => {
    // pip list observes package:*; the install of package:requests is supported by it and checked
    // by pip show (after-write) → TOR 1, VAR 1, closed loop 1 → EGS 1
    const m = score(["pip list", "pip install requests", "pip show requests"]);
    expect([m.tor, m.var, m.closedLoop, m.egs]).toEqual([1, 1, 1, 1]);
  });

  it("a build in a listed directory, checked by running what it built", () => {
    // ls reads /app; make writes /app (its scope); ./app runs /app/app, inside /app → checked
    const m = score(["cd /app", "ls", "make", "./app"]);
    expect(m.detail.acts).toEqual([{ at: { step: 2, command: 0 }, targets: ["/app"], supportedBy: { step: 1, command: 0, target: "/app" }, verifiedBy: { step: 3, command: 0 } }]);
    expect(m.egs).toBe(1);
  });
});
