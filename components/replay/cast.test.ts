import { describe, expect, it } from "vitest";
import { type Cast, CastParseError, capIdle, findText, idleTimeMap, indexCast, outputUntil, parseCast } from "./cast";

const lines = (...xs: unknown[]) => xs.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("\n");

function cast(events: [number, string][], duration?: number): Cast {
  return {
    width: 80,
    height: 24,
    duration: duration ?? events[events.length - 1]?.[0] ?? 0,
    events: events.map(([time, data]) => ({ time, data })),
  };
}

describe("parseCast", () => {
  it("reads v2: absolute times, o and r events kept, other codes dropped", () => {
    const c = parseCast(
      lines(
        { version: 2, width: 100, height: 30, timestamp: 1700000000 },
        [0.5, "o", "$ "],
        [1.25, "i", "ls\r"],
        [1.5, "o", "ls\r\n"],
        [2, "r", "120x40"],
        [2.5, "m", "marker"],
        [3, "o", "a.txt\r\n"],
        "",
      ),
    );
    expect(c.width).toBe(100);
    expect(c.height).toBe(30);
    expect(c.duration).toBe(3);
    expect(c.events).toEqual([
      { time: 0.5, data: "$ " },
      { time: 1.5, data: "ls\r\n" },
      { time: 2, data: "", resize: { cols: 120, rows: 40 } },
      { time: 3, data: "a.txt\r\n" },
    ]);
  });

  it("reads v3: intervals since the previous event of any code, comments skipped", () => {
    const c = parseCast(
      lines(
        { version: 3, term: { cols: 90, rows: 20, type: "xterm-256color" } },
        "# a comment",
        [0.1, "o", "a"],
        [0.2, "i", "x"], // dropped, but its interval counts
        [0.3, "o", "b"],
        "#another",
        [1.4, "x", "0"],
      ),
    );
    expect(c.width).toBe(90);
    expect(c.height).toBe(20);
    expect(c.events).toEqual([
      { time: 0.1, data: "a" },
      { time: 0.6, data: "b" },
    ]);
    expect(c.duration).toBe(2); // the exit event ends the recording
  });

  it("tolerates a truncated last line, CRLF line ends, a BOM and damaged lines", () => {
    const text = "\uFEFF" + lines({ version: 2, width: 80, height: 24 }, [1, "o", "one"], "not json", [2, "o", "two"]).replaceAll("\n", "\r\n") + '\r\n[3, "o", "thr';
    const c = parseCast(text);
    expect(c.events.map((e) => e.data)).toEqual(["one", "two"]);
    expect(c.duration).toBe(2);
  });

  it("clamps bad times: v2 negative, backwards or non-numeric times take the previous time", () => {
    const c = parseCast(
      lines(
        { version: 2, width: 80, height: 24 },
        [-1, "o", "a"],
        [2, "o", "b"],
        [1, "o", "c"], // backwards
        [null, "o", "d"],
        ["x", "o", "e"],
        ["3.5", "o", "f"], // a numeric string is read as a number
      ),
    );
    expect(c.events.map((e) => [e.time, e.data])).toEqual([
      [0, "a"],
      [2, "b"],
      [2, "c"],
      [2, "d"],
      [2, "e"],
      [3.5, "f"],
    ]);
  });

  it("clamps bad times: v3 negative or non-numeric intervals count as 0", () => {
    const c = parseCast(lines({ version: 3, term: { cols: 80, rows: 24 } }, [1, "o", "a"], [-5, "o", "b"], [null, "o", "c"], [0.5, "o", "d"]));
    expect(c.events.map((e) => e.time)).toEqual([1, 1, 1, 1.5]);
  });

  it("falls back to 80x24 and clamps absurd sizes", () => {
    expect(parseCast(lines({ version: 2 })).width).toBe(80);
    const huge = parseCast(lines({ version: 2, width: 1e9, height: -3 }, [1, "r", "99999x2"]));
    expect([huge.width, huge.height]).toEqual([1000, 24]);
    expect(huge.events[0]?.resize).toEqual({ cols: 1000, rows: 2 });
    expect(parseCast(lines({ version: 2, width: 80, height: 24 }, [1, "r", "garbage"])).events).toEqual([]);
  });

  it("rejects what has no header", () => {
    expect(() => parseCast("")).toThrow(CastParseError);
    expect(() => parseCast("hello\n")).toThrow(/not an asciicast header/);
    expect(() => parseCast('{"version": 1, "stdout": []}')).toThrow(/unsupported asciicast version 1/);
  });
});

describe("capIdle and idleTimeMap", () => {
  // Gaps: 0→1 (1), 1→6 (5), 6→6.5 (0.5), 6.5→10.5 (4), then the tail 10.5→12 (1.5).
  const c = cast(
    [
      [1, "a"],
      [6, "b"],
      [6.5, "c"],
      [10.5, "d"],
    ],
    12,
  );

  it("shortens every gap longer than maxGap to maxGap", () => {
    const capped = capIdle(c, 2);
    expect(capped.events.map((e) => e.time)).toEqual([1, 3, 3.5, 5.5]);
    expect(capped.duration).toBe(7); // 5.5 + the 1.5 s tail (under the cap)
    expect(capped.events.map((e) => e.data)).toEqual(["a", "b", "c", "d"]);
    expect(c.events[1]!.time).toBe(6); // the original is untouched
  });

  it("caps the gap before the first event and after the last", () => {
    const capped = capIdle(cast([[5, "a"]], 9), 1);
    expect(capped.events[0]!.time).toBe(1);
    expect(capped.duration).toBe(2);
  });

  it("maps event times exactly both ways and times inside a gap linearly", () => {
    const map = idleTimeMap(c, 2);
    for (const e of c.events) expect(map.toOriginal(map.toCapped(e.time))).toBe(e.time);
    expect(map.toCapped(6)).toBe(3);
    expect(map.toOriginal(3)).toBe(6);
    // 1→6 (5 s) became 1→3 (2 s): 2.5 s in is 1 s in.
    expect(map.toCapped(3.5)).toBeCloseTo(2, 10);
    expect(map.toOriginal(2)).toBeCloseTo(3.5, 10);
    // Two markers in one idle gap stay apart and in order, and before the next event.
    expect(map.toCapped(2)).toBeLessThan(map.toCapped(5.9));
    expect(map.toCapped(5.9)).toBeLessThan(3);
    // Past the end: shifted by the total saving (12 - 7).
    expect(map.toCapped(13)).toBe(8);
    expect(map.toOriginal(8)).toBe(13);
    expect(map.toCapped(0)).toBe(0);
    expect(map.duration).toBe(7);
  });

  it("caps nothing for null, 0 or Infinity", () => {
    for (const maxGap of [null, 0, Infinity]) {
      const map = idleTimeMap(c, maxGap);
      expect(map.toCapped(6)).toBe(6);
      expect(map.duration).toBe(12);
      expect(capIdle(c, maxGap).events.map((e) => e.time)).toEqual([1, 6, 6.5, 10.5]);
    }
  });

  it("handles events at equal times and an empty cast", () => {
    const same = capIdle(
      cast([
        [4, "a"],
        [4, "b"],
        [9, "c"],
      ]),
      1,
    );
    expect(same.events.map((e) => e.time)).toEqual([1, 1, 2]);
    const empty = idleTimeMap(cast([], 0), 1);
    expect(empty.duration).toBe(0);
    expect(empty.toCapped(3)).toBe(3);
  });
});

describe("outputUntil and the index", () => {
  const c = cast([
    [0.5, "a"],
    [1, "bc"],
    [1, "d"],
    [2, ""],
    [3, "ef"],
  ]);

  it("includes events at exactly the time, excludes later ones", () => {
    expect(outputUntil(c, 0)).toBe("");
    expect(outputUntil(c, 0.4999)).toBe("");
    expect(outputUntil(c, 0.5)).toBe("a");
    expect(outputUntil(c, 0.99)).toBe("a");
    expect(outputUntil(c, 1)).toBe("abcd");
    expect(outputUntil(c, 2.5)).toBe("abcd");
    expect(outputUntil(c, 3)).toBe("abcdef");
    expect(outputUntil(c, 1e9)).toBe("abcdef");
    expect(outputUntil(c, -1)).toBe("");
    expect(outputUntil(c, NaN)).toBe("");
  });

  it("eventIndexAt counts the events played by a time", () => {
    const index = indexCast(c);
    expect([0, 0.5, 0.7, 1, 2, 2.9, 3, 4].map((t) => index.eventIndexAt(t))).toEqual([0, 1, 1, 3, 4, 4, 5, 5]);
    expect(index.outputBetween(1, 3)).toBe("bcd");
    expect(index.outputBetween(3, 1)).toBe("");
    expect(index.outputBetween(-5, 99)).toBe("abcdef");
  });

  it("seekOutput keeps whole events within the budget and re-enters the alternate screen", () => {
    const tui = cast([
      [1, "x".repeat(10)],
      [2, "\x1b[?1049h"],
      [3, "y".repeat(10)],
      [4, "z".repeat(10)],
    ]);
    const index = indexCast(tui);
    // Everything fits, but the full-screen program draws from its entry: the x's before are not needed.
    expect(index.seekOutput(4, { maxChars: 1000 })).toEqual({ text: "\x1b[?1049h" + "y".repeat(10) + "z".repeat(10), from: 1, to: 4 });
    // 38 characters up to t=4; the last 15 start inside event 2, so event 3 is the first whole one.
    expect(index.seekOutput(4, { maxChars: 15 })).toEqual({ text: "\x1b[?1049h" + "z".repeat(10), from: 3, to: 4 });
    expect(index.seekOutput(4, { maxChars: 20 })).toEqual({ text: "\x1b[?1049h" + "y".repeat(10) + "z".repeat(10), from: 2, to: 4 });
    expect(index.seekOutput(1, { maxChars: 5 })).toEqual({ text: "", from: 1, to: 1 });
    expect(index.seekOutput(1, { maxChars: 1000 })).toEqual({ text: "x".repeat(10), from: 0, to: 1 });
  });

  it("seekOutput writes the last lines, not all the output before them", () => {
    const log = cast([
      [1, "l1\nl2\n"],
      [2, "l3\nl4\nl5\n"],
      [3, "l6"],
    ]);
    const index = indexCast(log);
    // Two whole lines and the line being written, cut just after a line feed inside event 1.
    expect(index.seekOutput(3, { lines: 2 })).toEqual({ text: "l4\nl5\nl6", from: 1, to: 3 });
    expect(index.seekOutput(3, { lines: 4 })).toEqual({ text: "l2\nl3\nl4\nl5\nl6", from: 0, to: 3 });
    expect(index.seekOutput(3, { lines: 5 })).toEqual({ text: "l1\nl2\nl3\nl4\nl5\nl6", from: 0, to: 3 });
    expect(index.seekOutput(2, { lines: 1 })).toEqual({ text: "l5\n", from: 1, to: 2 });
    expect(index.charsBetween(0, 3)).toBe(17);
  });

  it("sizeAt follows resize events", () => {
    const index = indexCast({
      width: 80,
      height: 24,
      duration: 3,
      events: [
        { time: 1, data: "a" },
        { time: 2, data: "", resize: { cols: 100, rows: 30 } },
        { time: 3, data: "", resize: { cols: 60, rows: 20 } },
      ],
    });
    expect(index.sizeAt(0)).toEqual({ cols: 80, rows: 24 });
    expect(index.sizeAt(2)).toEqual({ cols: 100, rows: 30 });
    expect(index.sizeAt(9)).toEqual({ cols: 60, rows: 20 });
    expect(index.resizesBetween(0, 3)).toEqual([1, 2]);
    expect(index.resizesBetween(2, 3)).toEqual([2]);
    expect(index.resizesBetween(0, 1)).toEqual([]);
  });
});

describe("findText", () => {
  it("finds matches case-insensitively, one per distinct time, at the event where they end", () => {
    const c = cast([
      [1, "Error: one\r\n"],
      [2, "fine\r\n"],
      [3, "error error\r\n"],
    ]);
    expect(findText(c, "ERROR")).toEqual([
      { time: 1, event: 0 },
      { time: 3, event: 2 },
    ]);
    expect(findText(c, "missing")).toEqual([]);
    expect(findText(c, "")).toEqual([]);
    expect(findText(c, "error", 1)).toHaveLength(1);
  });

  it("matches across event boundaries", () => {
    const c = cast([
      [1, "npm te"],
      [1.5, "s"],
      [2, "t\r\n"],
    ]);
    expect(findText(c, "npm test")).toEqual([{ time: 2, event: 2 }]);
  });

  it("looks through escape sequences, also when they are split between events", () => {
    const c = cast([
      [1, "\x1b[1;31mPA\x1b[0mSS"],
      [2, "\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x07 done\r\n"],
      [3, "\x1b[3"],
      [4, "2mgre"],
      [5, "en\x1b[0m"],
      [6, "\x1bP+q544e\x1b\\after dcs\x07!"],
    ]);
    expect(findText(c, "pass")).toEqual([{ time: 1, event: 0 }]);
    expect(findText(c, "link done")).toEqual([{ time: 2, event: 1 }]);
    expect(findText(c, "example.com")).toEqual([]); // the URL is not shown text
    expect(findText(c, "green")).toEqual([{ time: 5, event: 4 }]);
    expect(findText(c, "2m")).toEqual([]);
    expect(findText(c, "after dcs!")).toEqual([{ time: 6, event: 5 }]);
    expect(findText(c, "544e")).toEqual([]);
  });

  it("drops carriage returns but keeps newlines", () => {
    const c = cast([[1, "line one\r\nline two"]]);
    expect(findText(c, "one\nline")).toHaveLength(1);
    expect(findText(c, "one\r")).toHaveLength(0);
  });
});
