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

function segments(p: string): string[] {
  return p.split("/").filter((s) => s !== "" && s !== ".");
}

/** Whether two targets name the same thing (a floating path matches an absolute one by its tail). */
export function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  if (isKinded(a) || isKinded(b)) return kindedMatch(a, b);
  const absA = a.startsWith("/");
  const absB = b.startsWith("/");
  if (absA && absB) return false;
  const sa = segments(a);
  const sb = segments(b);
  if (sa.length === 0 || sb.length === 0) return sa.length === sb.length && !absA && !absB;
  if (sa.some((s) => s === "..") || sb.some((s) => s === "..")) return false;
  // The floating one must be a suffix of the other.
  const [long, short] = sa.length >= sb.length ? [sa, sb] : [sb, sa];
  const shortIsFloating = sa.length >= sb.length ? !absB : !absA;
  if (!shortIsFloating) return false;
  return short.every((s, i) => s === long[long.length - short.length + i]);
}

/** Whether `child` lies inside the directory `dir` (at any depth). */
export function isInside(child: string, dir: string): boolean {
  if (isKinded(child) || isKinded(dir)) return false;
  const sd = segments(dir);
  const sc = segments(child);
  // "/" holds everything; the unknown first working directory ("."), every floating path.
  if (sd.length === 0) return dir.startsWith("/") || !child.startsWith("/");
  for (let end = sc.length - 1; end >= sd.length; end--) {
    const head = sc.slice(0, end);
    if (samePath(joinSegments(head, child.startsWith("/")), dir)) return true;
  }
  return false;
}

function joinSegments(parts: string[], absolute: boolean): string {
  return (absolute ? "/" : "") + parts.join("/") || (absolute ? "/" : ".");
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
