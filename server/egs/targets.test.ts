import { describe, expect, it } from "vitest";
import { TargetIndex, isInside, overlaps, parentOf, resolvePath, samePath } from "./targets";

describe("resolvePath", () => {
  it.each([
    // cwd unknown: a relative path stays floating, normalized
    [null, "src/app.py", "src/app.py"],
    [null, "./src//app.py", "src/app.py"],
    [null, "../lib/a.py", "../lib/a.py"],
    // cwd known: joined and normalized
    ["/app", "src/app.py", "/app/src/app.py"],
    ["/app/src", "../README.md", "/app/README.md"],
    ["/app", "a/b/../c.txt", "/app/a/c.txt"],
    ["/app", ".", "/app"],
    // an absolute path ignores the cwd
    ["/app", "/etc/hosts", "/etc/hosts"],
    [null, "/etc/hosts", "/etc/hosts"],
    // a trailing slash is dropped, except for the root itself
    ["/app", "build/", "/app/build"],
    [null, "build/", "build"],
    [null, "/", "/"],
    ["/", "..", "/"],
    // the home directory is kept as written
    ["/app", "~/notes.txt", "~/notes.txt"],
  ])("resolvePath(%j, %j) = %j", (cwd, p, expected) => {
    expect(resolvePath(cwd, p)).toBe(expected);
  });
});

describe("parentOf", () => {
  it.each([
    ["/app/src/a.py", "/app/src"],
    ["/app", "/"],
    ["a.py", "."],
    ["src/a.py", "src"],
  ])("parentOf(%j) = %j", (p, expected) => {
    expect(parentOf(p)).toBe(expected);
  });
});

describe("samePath", () => {
  it.each([
    // identical
    ["/app/a.py", "/app/a.py", true],
    ["a.py", "a.py", true],
    // a floating path matches an absolute one by its last segments, in either order
    ["src/app.py", "/app/src/app.py", true],
    ["/app/src/app.py", "src/app.py", true],
    ["app.py", "/app/src/app.py", true],
    // …by whole segments only
    ["rc/app.py", "/app/src/app.py", false],
    ["lib/app.py", "/app/src/app.py", false],
    // two absolute paths must be equal
    ["/app/a.py", "/srv/a.py", false],
    ["/app/src/a.py", "/src/a.py", false],
    // an absolute path is never the "tail" of a longer floating one
    ["a/b.py", "/b.py", false],
    // `..` cannot be placed
    ["../a.py", "/app/a.py", false],
    // the unknown working directory only matches itself
    [".", ".", true],
    [".", "/app", false],
  ])("samePath(%j, %j) = %j", (a, b, expected) => {
    expect(samePath(a, b)).toBe(expected);
  });

  it.each([
    ["package:jq", "package:jq", true],
    ["package:jq", "package:curl", false],
    // a listing of all packages covers every package, in either order
    ["package:*", "package:jq", true],
    ["package:requests", "package:*", true],
    // kinds never mix, nor with paths
    ["package:jq", "service:jq", false],
    ["service:*", "package:jq", false],
    ["package:jq", "jq", false],
    ["service:nginx", "service:nginx", true],
    ["service:nginx", "service:redis", false],
    ["service:*", "service:nginx", true],
  ])("kinded targets: samePath(%j, %j) = %j", (a, b, expected) => {
    expect(samePath(a, b)).toBe(expected);
  });
});

describe("isInside", () => {
  it.each([
    ["/app/src/a.py", "/app", true],
    ["/app/src/a.py", "/app/src", true],
    // a directory is not inside itself, nor inside a sibling with a shared prefix
    ["/app", "/app", false],
    ["/application/a.py", "/app", false],
    ["/srv/a.py", "/app", false],
    // a floating directory matches by its tail
    ["/app/src/a.py", "src", true],
    ["/app/lib/a.py", "src", false],
    // "/" holds every absolute path; "." (the unknown cwd) holds every floating one
    ["/etc/hosts", "/", true],
    ["src/a.py", ".", true],
    ["/etc/hosts", ".", false],
    // packages and services are not in directories
    ["package:jq", "/", false],
  ])("isInside(%j, %j) = %j", (child, dir, expected) => {
    expect(isInside(child, dir)).toBe(expected);
  });
});

describe("overlaps", () => {
  it.each([
    ["/app/src", "/app/src/a.py", true],
    ["/app/src/a.py", "/app/src", true],
    ["a.py", "/app/a.py", true],
    ["/app/a.py", "/app/b.py", false],
    ["/app/src", "/app/lib", false],
    ["package:*", "package:jq", true],
    ["package:jq", "/usr/bin/jq", false],
  ])("overlaps(%j, %j) = %j", (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
  });
});

describe("TargetIndex: the lookups agree with samePath", () => {
  const index = new TargetIndex<number>();
  ["/app/src/app.py", "src/util.py", "package:requests", "service:nginx", "a.py", "/app/src/a.py"].forEach((t, i) => index.add(t, i));

  it.each([
    ["app.py", 0],
    ["/srv/app.py", undefined], // two absolute paths that differ
    ["/srv/src/util.py", 1], // the floating src/util.py is its tail
    ["lib/util.py", undefined],
    ["package:*", 2],
    ["package:jq", undefined],
    ["service:*", 3],
    ["/app/src/a.py", 4], // the first entry that matches: the floating a.py, added before the absolute one
    ["a.py", 4],
  ])("same(%j) → entry %j", (target, expected) => {
    expect(index.same(target)?.value).toBe(expected);
  });

  it.each([
    ["/app/src", 0],
    ["src", 0], // /app/src/app.py (its directory ends in src) was added before src/util.py
    [".", 4], // a.py sits in the unknown working directory
    ["/srv", undefined],
  ])("inDirectory(%j) → entry %j", (dir, expected) => {
    expect(index.inDirectory(dir)?.value).toBe(expected);
  });
});
