import path from "node:path/posix";

/**
 * Paths as the tagger compares them. The session's first working directory is usually unknown,
 * so a relative path is "floating": `src/app.py` matches `/app/src/app.py` by its last segments.
 * Packages and services are targets too, written `package:name` and `service:name`.
 */

/** The absolute or floating form of `p` seen from `cwd` (null when unknown). */
export function resolvePath(cwd: string | null, p: string): string {
  if (p.startsWith("~")) return path.normalize(p);
  const joined = p.startsWith("/") ? p : cwd ? path.join(cwd, p) : p;
  const normal = path.normalize(joined);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

/** The directory holding `p` (`.` for a bare relative name). */
export function parentOf(p: string): string {
  return path.dirname(p);
}

const segmentCache = new Map<string, string[]>();

/** A path's segments without "." and empty parts (memoized: the metrics compare the same paths often). */
function segments(p: string): string[] {
  let parts = segmentCache.get(p);
  if (!parts) {
    parts = p.split("/").filter((s) => s !== "" && s !== ".");
    if (segmentCache.size > 50_000) segmentCache.clear();
    segmentCache.set(p, parts);
  }
  return parts;
}

/** Whether two targets name the same thing (a floating path matches an absolute one by its tail). */
export function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  if (isKinded(a) || isKinded(b)) return kindedMatch(a, b);
  return sameSegments(segments(a), a.startsWith("/"), segments(b), b.startsWith("/"), segments(a).length);
}

/** Compares the first `lengthA` segments of `a` with all of `b`. */
function sameSegments(a: string[], absA: boolean, b: string[], absB: boolean, lengthA: number): boolean {
  if (absA && absB) {
    if (lengthA !== b.length) return false;
    for (let i = 0; i < lengthA; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (lengthA === 0 || b.length === 0) return lengthA === b.length && !absA && !absB;
  for (let i = 0; i < lengthA; i++) if (a[i] === "..") return false;
  for (const s of b) if (s === "..") return false;
  // The floating one must be a suffix of the other.
  const aLonger = lengthA >= b.length;
  if (aLonger ? absB : absA) return false;
  const short = aLonger ? b.length : lengthA;
  for (let i = 1; i <= short; i++) if (a[lengthA - i] !== b[b.length - i]) return false;
  return true;
}

/** Whether `child` lies inside the directory `dir` (at any depth). */
export function isInside(child: string, dir: string): boolean {
  if (isKinded(child) || isKinded(dir)) return false;
  const sd = segments(dir);
  const sc = segments(child);
  const dirAbs = dir.startsWith("/");
  const childAbs = child.startsWith("/");
  // "/" holds everything; the unknown first working directory ("."), every floating path.
  if (sd.length === 0) return dirAbs || !childAbs;
  for (let end = sc.length - 1; end >= 1; end--) if (sameSegments(sc, childAbs, sd, dirAbs, end)) return true;
  return false;
}

export function isKinded(target: string): boolean {
  return target.startsWith("package:") || target.startsWith("service:");
}

/** `package:*` (a listing of all packages) matches every package; likewise services. */
function kindedMatch(a: string, b: string): boolean {
  const [ka, na] = splitKind(a);
  const [kb, nb] = splitKind(b);
  return ka === kb && (na === "*" || nb === "*" || na === nb);
}

function splitKind(t: string): [string, string] {
  const i = t.indexOf(":");
  return i === -1 ? ["path", t] : [t.slice(0, i), t.slice(i + 1)];
}

/** Two targets overlap: the same, or one inside the other. */
export function overlaps(a: string, b: string): boolean {
  return samePath(a, b) || isInside(a, b) || isInside(b, a);
}

/** The bucket a target is filed under: its last segment (packages and services by kind). */
function bucketOf(target: string): string {
  if (isKinded(target)) return target.slice(0, target.indexOf(":") + 1);
  const parts = segments(target);
  return parts[parts.length - 1] ?? "";
}

/**
 * Targets seen so far, filed by last segment: "was this path (or a directory holding it) seen?"
 * looks at a handful of candidates instead of every earlier command — sessions run to thousands
 * of commands.
 */
export class TargetIndex<T> {
  private byName = new Map<string, { target: string; value: T }[]>();
  private byParent = new Map<string, { target: string; value: T }[]>();

  add(target: string, value: T) {
    push(this.byName, bucketOf(target), { target, value });
    if (!isKinded(target)) push(this.byParent, bucketOf(parentOf(target)), { target, value });
  }

  /** The first entry naming the same target as `target`. */
  same(target: string): { target: string; value: T } | undefined {
    return this.byName.get(bucketOf(target))?.find((e) => samePath(e.target, target));
  }

  /** The first entry whose directory is `dir` (a file written into the directory being listed). */
  inDirectory(dir: string): { target: string; value: T } | undefined {
    return this.byParent.get(bucketOf(dir))?.find((e) => samePath(parentOf(e.target), dir));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
