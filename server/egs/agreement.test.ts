import { describe, expect, it } from "vitest";
import { cohensKappa } from "./agreement";
import type { Tag } from "./rules/rule-table";

/** `n` copies of one (rater A, rater B) pair. */
const times = (n: number, a: Tag, b: Tag): [Tag, Tag][] => Array.from({ length: n }, () => [a, b] as [Tag, Tag]);

describe("cohensKappa", () => {
  // 10 items (rater A, rater B):
  //   inspect/inspect ×3, act/act ×2, verify/verify ×1, other/other ×1,
  //   inspect/act ×1, act/verify ×1, verify/inspect ×1
  const pairs: [Tag, Tag][] = [
    ...times(3, "inspect", "inspect"),
    ...times(2, "act", "act"),
    ...times(1, "verify", "verify"),
    ...times(1, "other", "other"),
    ...times(1, "inspect", "act"),
    ...times(1, "act", "verify"),
    ...times(1, "verify", "inspect"),
  ];

  it("computes κ over the four tags from a hand-counted confusion", () => {
    // pₒ = 7 same / 10 = 0.7
    // marginals A: inspect 4, act 3, verify 2, other 1; B: inspect 4, act 3, verify 2, other 1
    // pₑ = (4·4 + 3·3 + 2·2 + 1·1) / 100 = 30/100 = 0.3
    // κ = (0.7 − 0.3) / (1 − 0.3) = 0.4 / 0.7 = 4/7
    const result = cohensKappa(pairs);
    expect(result.items).toBe(10);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.kappa).toBeCloseTo(4 / 7, 12);
  });

  it("computes κ of each tag against the rest", () => {
    // inspect: both 3, A only 1 (inspect/act), B only 1 (verify/inspect), neither 5
    //   pₒ = 8/10; pₑ = 0.4·0.4 + 0.6·0.6 = 0.52; κ = 0.28/0.48 = 7/12
    // act: both 2, A only 1 (act/verify), B only 1 (inspect/act), neither 6
    //   pₒ = 8/10; pₑ = 0.3·0.3 + 0.7·0.7 = 0.58; κ = 0.22/0.42 = 11/21
    // verify: both 1, A only 1 (verify/inspect), B only 1 (act/verify), neither 7
    //   pₒ = 8/10; pₑ = 0.2·0.2 + 0.8·0.8 = 0.68; κ = 0.12/0.32 = 3/8
    // other: both 1, neither 9: pₒ = 1; pₑ = 0.01 + 0.81 = 0.82; κ = 0.18/0.18 = 1
    const { perTag } = cohensKappa(pairs);
    expect(perTag.inspect).toBeCloseTo(7 / 12, 12);
    expect(perTag.act).toBeCloseTo(11 / 21, 12);
    expect(perTag.verify).toBeCloseTo(3 / 8, 12);
    expect(perTag.other).toBeCloseTo(1, 12);
  });

  it("gives κ = 1 for perfect agreement", () => {
    // pₒ = 1; pₑ = 0.5·0.5 + 0.5·0.5 = 0.5; κ = 0.5/0.5 = 1
    const result = cohensKappa([...times(2, "inspect", "inspect"), ...times(2, "act", "act")]);
    expect(result.observed).toBe(1);
    expect(result.kappa).toBe(1);
    expect(result.perTag.inspect).toBe(1);
    expect(result.perTag.act).toBe(1);
    // Neither rater ever used verify/other: "not verify" everywhere, chance agreement is total.
    expect(result.perTag.verify).toBeNull();
    expect(result.perTag.other).toBeNull();
  });

  it("gives κ = null when both raters use one tag everywhere (pₑ = 1)", () => {
    const result = cohensKappa(times(3, "act", "act"));
    expect(result.items).toBe(3);
    expect(result.observed).toBe(1);
    expect(result.kappa).toBeNull();
    expect(Object.values(result.perTag)).toEqual([null, null, null, null]);
  });

  it("gives κ = 0, not null, when each rater uses a different single tag", () => {
    // A: inspect ×3, B: act ×3. pₒ = 0; pₑ = 1·0 + 0·1 = 0; κ = (0 − 0)/1 = 0
    const result = cohensKappa(times(3, "inspect", "act"));
    expect(result.observed).toBe(0);
    expect(result.kappa).toBe(0);
    // "is it an inspect?": A always yes, B always no: pₑ = 1·0 + 0·1 = 0, κ = 0
    expect(result.perTag.inspect).toBe(0);
    expect(result.perTag.act).toBe(0);
    expect(result.perTag.verify).toBeNull();
  });

  it("agreement below chance is negative", () => {
    // A: inspect, act; B: act, inspect. pₒ = 0; pₑ = 0.5·0.5 + 0.5·0.5 = 0.5; κ = −0.5/0.5 = −1
    expect(cohensKappa([["inspect", "act"], ["act", "inspect"]]).kappa).toBe(-1);
  });

  it("no items: nothing observed and no κ", () => {
    const result = cohensKappa([]);
    expect(result).toMatchObject({ items: 0, observed: 0, kappa: null });
    expect(Object.values(result.perTag)).toEqual([null, null, null, null]);
  });
});
