import { TAGS, type Tag } from "./rules/rule-table";

export type Agreement = {
  /** Items both raters tagged. */
  items: number;
  /** Share of items with the same tag. */
  observed: number;
  /** Cohen's κ over the four tags (null when chance agreement is total, e.g. one tag everywhere). */
  kappa: number | null;
  /** κ of each tag against the rest: how well the raters agree on "is it a verify?". */
  perTag: Record<Tag, number | null>;
};

/**
 * Cohen's κ between two raters over the items both tagged: (pₒ − pₑ) / (1 − pₑ), with pₑ from each
 * rater's own tag frequencies.
 */
export function cohensKappa(pairs: [Tag, Tag][]): Agreement {
  const perTag = Object.fromEntries(TAGS.map((tag) => [tag, kappaOf(pairs.map(([a, b]) => [a === tag, b === tag]))])) as Record<Tag, number | null>;
  const n = pairs.length;
  if (n === 0) return { items: 0, observed: 0, kappa: null, perTag };
  return { items: n, observed: pairs.filter(([a, b]) => a === b).length / n, kappa: kappaOf(pairs), perTag };
}

function kappaOf<T>(pairs: [T, T][]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const left = new Map<T, number>();
  const right = new Map<T, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    left.set(a, (left.get(a) ?? 0) + 1);
    right.set(b, (right.get(b) ?? 0) + 1);
    if (a === b) same++;
  }
  const observed = same / n;
  let expected = 0;
  for (const [value, count] of left) expected += (count / n) * ((right.get(value) ?? 0) / n);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}
