import { describe, expect, it } from "vitest";
import { parseCast } from "../formats/parse-cast";
import { synthesizeCast, type SynthesisStep } from "./synthesize-cast";

type Event = [number, string, string];

function read(cast: string): { header: Record<string, unknown>; events: Event[] } {
  expect(cast.endsWith("\n")).toBe(true);
  const [first, ...rest] = cast.trimEnd().split("\n");
  return { header: JSON.parse(first!) as Record<string, unknown>, events: rest.map((line) => JSON.parse(line) as Event) };
}

const agent = (action: string | null, observation: string | null = null): SynthesisStep => ({ source: "agent", action, observation });

describe("synthesizeCast", () => {
  const steps: SynthesisStep[] = [
    { source: "system", action: null, observation: "You are an agent." },
    { source: "user", action: "do not replay me", observation: null },
    agent("ls -la", "total 0\ndrwxr-xr-x 2 root root 40 .\n"),
    agent(null, "thinking only"),
    agent("cat notes.txt", "line one\r\nline two"),
    agent("   ", "blank action"),
    agent("pytest -q tests/test_app.py", null),
  ];
  const { cast, markers } = synthesizeCast(steps);
  const { header, events } = read(cast);
  const output = events.map((e) => e[2]).join("");

  it("writes a valid asciicast v2 header", () => {
    expect(header).toMatchObject({ version: 2, width: 100, height: 30 });
    expect(header.timestamp).toBeUndefined();
    for (const e of events) {
      expect(e).toHaveLength(3);
      expect(typeof e[0]).toBe("number");
      expect(e[1]).toBe("o");
      expect(typeof e[2]).toBe("string");
    }
  });

  it("is read by the importer's strict asciicast parser without warnings", () => {
    const parsed = parseCast(cast, "synthesized.cast");
    expect(parsed.version).toBe(2);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.events).toHaveLength(events.length);
  });

  it("has increasing times from 0, in whole milliseconds", () => {
    let previous = 0;
    for (const [time] of events) {
      expect(time).toBeGreaterThanOrEqual(previous);
      expect(Math.round(time * 1000) / 1000).toBe(time);
      previous = time;
    }
    // Each event follows the one before by at least a millisecond.
    expect(new Set(events.map((e) => e[0])).size).toBe(events.length);
  });

  it("marks each replayed step (by position) at its prompt, skipping user, system and action-less steps", () => {
    expect(markers.map((m) => m.step)).toEqual([2, 4, 6]);
    expect(markers[0]!.time).toBe(0.2);
    for (const m of markers) {
      const at = events.find((e) => e[0] === m.time);
      expect(at?.[2]).toBe("\x1b[32m$ \x1b[0m");
    }
    expect(output).not.toContain("do not replay me");
    expect(output).not.toContain("You are an agent.");
    expect(output).not.toContain("thinking only");
    expect(output).not.toContain("blank action");
  });

  it("types the commands in order, each within 0.6 s, then Enter, the output and a 0.4 s pause", () => {
    const order = ["ls -la", "cat notes.txt", "pytest -q tests/test_app.py"].map((c) => output.indexOf(`\x1b[32m$ \x1b[0m${c}\r\n`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // The first step: prompt at 0.2, "ls -la" in 2 chunks of 3 (300 ms apart), Enter 100 ms later.
    const first = events.filter((e) => e[0] < markers[1]!.time);
    expect(first.map((e) => e[2])).toEqual(["\x1b[32m$ \x1b[0m", "ls ", "-la", "\r\n", "total 0\r\ndrwxr-xr-x 2 root root 40 .\r\n"]);
    expect(first.map((e) => e[0])).toEqual([0.2, 0.5, 0.8, 0.9, 1.05]);
    expect(markers[1]!.time).toBe(1.45);

    for (const [k, m] of markers.entries()) {
      const typed = events.filter((e) => e[0] > m.time && e[2] !== "\r\n" && (k + 1 >= markers.length || e[0] < markers[k + 1]!.time));
      const enter = events.find((e) => e[0] > m.time && e[2] === "\r\n")!;
      expect(enter[0] - 0.1 - m.time).toBeLessThanOrEqual(0.6 + 1e-9);
      expect(typed.length).toBeGreaterThan(0);
    }
  });

  it("normalizes line ends to CRLF and ends the output on a new line", () => {
    expect(output).toContain("line one\r\nline two\r\n");
    expect(output.replaceAll("\r\n", "")).not.toContain("\n");
  });

  it("types long commands in at most 20 events, never splitting a character", () => {
    const long = `echo ${"é🙂".repeat(100)}`;
    const { cast: c } = synthesizeCast([agent(long)]);
    const { events: evs } = read(c);
    const typed = evs.slice(1, evs.findIndex((e) => e[2] === "\r\n"));
    expect(typed.length).toBeLessThanOrEqual(20);
    expect(typed.map((e) => e[2]).join("")).toBe(long);
    expect(typed[typed.length - 1]![0] - evs[0]![0]).toBeLessThanOrEqual(0.6);
    for (const e of typed) expect(e[2]).not.toMatch(/[\ud800-\udbff]$/);
  });

  it("passes escape sequences through and drops NUL bytes", () => {
    const { cast: c } = synthesizeCast([agent("printf x", "\x1b[31mred\x1b[0m\0done\x1b]8;;https://example.com\x07link\x1b]8;;\x07")]);
    const out = read(c).events.map((e) => e[2]).join("");
    expect(out).toContain("\x1b[31mred\x1b[0mdone\x1b]8;;https://example.com\x07link\x1b]8;;\x07\r\n");
    expect(out).not.toContain("\0");
    expect(c).not.toContain("\0"); // not even escaped in the JSON
    expect(c).not.toContain("\\u0000");
  });

  it("takes the size, prompt and start time from the options and steps", () => {
    const startedAt = new Date("2025-01-02T03:04:05.678Z");
    const { cast: c, markers: ms } = synthesizeCast([{ ...agent("true"), startedAt }], { width: 132, height: 43, prompt: "agent# " });
    const { header: h, events: evs } = read(c);
    expect(h).toMatchObject({ version: 2, width: 132, height: 43, timestamp: Math.floor(startedAt.getTime() / 1000) });
    expect(evs[0]).toEqual([0.2, "o", "\x1b[32magent# \x1b[0m"]);
    expect(ms).toEqual([{ step: 0, time: 0.2 }]);
    // The session ends at a prompt, 0.4 s after the last event.
    expect(evs[evs.length - 1]).toEqual([1.3, "o", "\x1b[32magent# \x1b[0m"]);
  });

  it("returns a header-only cast for no replayable steps", () => {
    const { cast: c, markers: ms } = synthesizeCast([{ source: "user", action: "hi", observation: null }]);
    expect(ms).toEqual([]);
    expect(read(c).events).toEqual([]);
  });
});
