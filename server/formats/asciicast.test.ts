import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StepInput } from "../trajectories/trajectory-input";
import { asciicastImporter, parseCast, segmentCast, segmentCastCommands } from "./asciicast";
import { SourceError, type FileLookup, type VirtualFile } from "./types";
import { TerminalText } from "./terminal-text";

const SAMPLES = path.resolve(process.cwd(), "../shared/samples");
const HAVE_SAMPLES = fs.existsSync(SAMPLES);
const none: FileLookup = { get: () => undefined, under: () => [] };

function memoryFile(rel: string, content: string | Buffer): VirtualFile {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return { path: `/imports/${rel}`, rel, size: bytes.length, read: async () => bytes };
}
function diskFile(rel: string): VirtualFile {
  const abs = path.join(SAMPLES, rel);
  return { path: abs, rel, size: fs.statSync(abs).size, read: () => fs.promises.readFile(abs) };
}
const readSample = (rel: string) => fs.readFileSync(path.join(SAMPLES, rel), "utf8");
const castOf = (rel: string) => parseCast(readSample(rel), rel);
const lines = (...rows: unknown[]) => rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";
const V2 = { version: 2, width: 80, height: 24 };
const V3 = { version: 3, term: { cols: 80, rows: 24 } };

/** The SourceError a call throws (fails the test if it throws anything else or nothing). */
function errorOf(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error("expected a SourceError");
}
async function rejectionOf(run: () => Promise<unknown>): Promise<SourceError> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

const TB = {
  orchestratorFix: "tb1-runs/20250902_orchestrator_qwen-3-coder-480B/fix-permissions/fix-permissions.1-of-5/sessions/agent.cast",
  orchestratorHello: "tb1-runs/20250902_orchestrator_qwen-3-coder-480B/hello-world/hello-world.1-of-5/sessions/agent.cast",
  openhandsFix: "tb1-runs/20250711_openhands_claude-4-sonnet/openhands-sonnet/fix-permissions/fix-permissions.1-of-1.openhands-sonnet/sessions/agent.cast",
  openhandsHello: "tb1-runs/20250711_openhands_claude-4-sonnet/openhands-sonnet/hello-world/hello-world.1-of-1.openhands-sonnet/sessions/agent.cast",
  miniFix: "tb1-runs/20250825_swe-agent-mini_claude-4-sonnet/2025-08-07__20-46-16/fix-permissions/fix-permissions.1-of-1.2025-08-07__20-46-16/sessions/agent.cast",
  miniHello: "tb1-runs/20250825_swe-agent-mini_claude-4-sonnet/2025-08-07__20-46-16/hello-world/hello-world.1-of-1.2025-08-07__20-46-16/sessions/agent.cast",
};

describe.skipIf(!HAVE_SAMPLES)(HAVE_SAMPLES ? "asciicast samples" : "asciicast samples — SKIPPED: ../shared/samples not found next to the repo", () => {
  it("reads asciinema's demo.cast (v2): size, events, and the two typed commands", async () => {
    const cast = castOf("asciicast/demo.cast");
    expect([cast.version, cast.width, cast.height, cast.events.length, cast.timestamp]).toEqual([2, 75, 18, 39, 1509091818]);
    expect(cast.events.filter((e) => e.code === "i")).toHaveLength(9);
    expect(cast.events[cast.events.length - 1]!.time).toBe(11.89348);
    expect(cast.warnings).toEqual([]);

    const t = (await asciicastImporter.parse(diskFile("asciicast/demo.cast"), none)).trajectories[0]!;
    expect(t.steps.map((s) => s.action)).toEqual(["vim", ":q"]);
    expect(t.steps[0]).toMatchObject({ keystrokes: "vim\r", recordingOffset: 1.511526, observation: "" }); // vim draws on the alternate screen
    // The terminal's replies to vim's queries are input events too: kept in the keys, not in the command.
    expect(t.steps[1]).toMatchObject({ keystrokes: "\u001b[2;2R\u001b[>0;95;0c:q\r\u0004", recordingOffset: 5.63147 });
    expect(t.steps[0]!.startedAt).toEqual(new Date(Math.round((1509091818 + 1.511526) * 1000)));
    expect(t).toMatchObject({ agent: null, task: null, durationMs: 11893, recording: readSample("asciicast/demo.cast") });
    expect(t.warnings).toEqual(["no structured steps: 2 commands segmented from the recording's input events (lines typed and submitted)"]);
    for (const step of t.steps) expect(StepInput.safeParse(step).success).toBe(true);
  });

  it("reads full-v2.cast: absolute times, resize, an empty Enter that is no command", async () => {
    const cast = castOf("asciicast/full-v2.cast");
    expect([cast.version, cast.width, cast.height]).toEqual([2, 100, 50]);
    expect(cast.events.map((e) => [e.time, e.code])).toEqual([
      [0.000001, "o"],
      [1.0, "o"],
      [2.3, "i"],
      [5.600001, "r"],
      [10.5, "o"],
    ]);
    const t = (await asciicastImporter.parse(diskFile("asciicast/full-v2.cast"), none)).trajectories[0]!;
    expect(t.steps).toEqual([]);
    expect(t.recording).toBe(readSample("asciicast/full-v2.cast"));
    expect(t.warnings).toEqual([
      "no structured steps and no commands found in the recording (no input events and no shell prompt recognised): zero steps, the recording is kept for replay",
    ]);
  });

  it("reads full-v3.cast: intervals become absolute times", () => {
    const cast = castOf("asciicast/full-v3.cast");
    expect([cast.version, cast.width, cast.height, cast.events.length]).toEqual([3, 100, 50, 5]);
    const times = cast.events.map((e) => e.time);
    [0.000001, 1.000001, 1.300001, 2.900002, 13.400002].forEach((expected, i) => expect(times[i]).toBeCloseTo(expected, 9));
    expect(cast.events.map((e) => e.code)).toEqual(["o", "o", "i", "r", "o"]);
    expect(cast.header.term).toMatchObject({ cols: 100, rows: 50 });
    expect(segmentCast(cast)).toEqual([]);
  });

  it("reads minimal-v3.cast: one output event, zero steps", async () => {
    const cast = castOf("asciicast/minimal-v3.cast");
    expect([cast.version, cast.width, cast.height, cast.timestamp]).toEqual([3, 100, 50, null]);
    expect(cast.events).toEqual([{ time: 1.23, code: "o", data: "hello" }]);
    const t = (await asciicastImporter.parse(diskFile("asciicast/minimal-v3.cast"), none)).trajectories[0]!;
    expect([t.steps.length, t.startedAt, t.durationMs]).toEqual([0, null, 1230]);
  });

  it("detects every sample cast by its first line", () => {
    for (const rel of ["asciicast/demo.cast", "asciicast/full-v2.cast", "asciicast/full-v3.cast", "asciicast/minimal-v3.cast", ...Object.values(TB)]) {
      expect(asciicastImporter.detect(readSample(rel).slice(0, 64 * 1024), rel)).toBe(true);
    }
    expect(asciicastImporter.detect(readSample("tb1-runs/20250902_orchestrator_qwen-3-coder-480B/hello-world/hello-world.1-of-5/results.json"), "results.json")).toBe(false);
  });

  it("segments the Terminal-Bench agent recordings by their input events (harness and agent alike)", () => {
    const expected: [string, number, number, string[]][] = [
      [TB.orchestratorFix, 7, 1, ["clear"]],
      [TB.orchestratorHello, 8, 1, ["clear"]],
      [TB.openhandsFix, 1456, 4, ["clear", "openhands --max-budget-per-task 10"]],
      [TB.openhandsHello, 2530, 4, ["clear", "openhands --max-budget-per-task 10"]],
      [TB.miniFix, 1326, 4, ["clear", "mini -m anthropic/claude-sonnet-4-20250514"]],
      [TB.miniHello, 2183, 4, ["clear", "mini -m anthropic/claude-sonnet-4-20250514"]],
    ];
    for (const [rel, events, count, [first, last]] of expected) {
      const cast = castOf(rel);
      expect([cast.version, cast.width, cast.height, cast.events.length]).toEqual([2, 160, 40, events]);
      const segmentation = segmentCastCommands(cast);
      expect(segmentation.method).toBe("input");
      expect(segmentation.commands).toHaveLength(count);
      expect(segmentation.commands[0]!.action).toBe(first);
      if (last) expect(segmentation.commands[count - 1]!.action.startsWith(last)).toBe(true);
    }
    // The tmux prompt before the first keystroke is learned, and removed from the end of each output.
    const mini = segmentCastCommands(castOf(TB.miniFix));
    expect(mini.prompt?.example).toBe("root@bdef4f513a04:/app# ");
    // The output ends at the idle prompt: the shell's "exit" after the harness's Ctrl-D is not the command's.
    expect(segmentCast(castOf(TB.miniFix))[3]!.observation).toBe("bash: mini: command not found");
    expect(segmentCast(castOf(TB.orchestratorFix))[0]).toMatchObject({ action: "clear", keystrokes: "clear\r\u0004", observation: "" });
  });

  it("tolerates a recorder clock stepping back a second (a real sample) and says so", () => {
    const cast = castOf(TB.miniHello);
    expect(cast.warnings).toEqual([
      "6 event(s) from line 1747 on are up to 1.017 s earlier than the event before (recorder clock jitter): kept in file order, times raised to stay monotonic",
    ]);
    const times = cast.events.map((e) => e.time);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });
});

describe("parseCast", () => {
  it("turns v3 intervals into absolute times, skipping comments and blank lines", () => {
    const cast = parseCast(lines({ ...V3, timestamp: 1700000000 }, "# a comment", [0.5, "o", "a"], "", [1.25, "i", "b"], "#another", [0, "m", "mark"], [2, "x", "0"]), "v3.cast");
    expect(cast.events).toEqual([
      { time: 0.5, code: "o", data: "a" },
      { time: 1.75, code: "i", data: "b" },
      { time: 1.75, code: "m", data: "mark" },
      { time: 3.75, code: "x", data: "0" },
    ]);
    expect([cast.version, cast.width, cast.height, cast.timestamp, cast.warnings]).toEqual([3, 80, 24, 1700000000, []]);
  });

  it("keeps v2 times as they are", () => {
    const cast = parseCast(lines(V2, [0.5, "o", "a"], [1.25, "o", "b"]), "v2.cast");
    expect(cast.events.map((e) => e.time)).toEqual([0.5, 1.25]);
  });

  it("warns about an unknown event code and keeps the event", () => {
    const cast = parseCast(lines(V2, [0.5, "o", "a"], [1, "z", "?"], [2, "r", "wide"]), "odd.cast");
    expect(cast.events).toHaveLength(3);
    expect(cast.warnings).toEqual([
      'line 3: unknown event code "z" (kept in the recording, not used for steps)',
      'line 4: resize event data "wide" is not COLSxROWS (ignored)',
    ]);
  });

  it("rejects a truncated header, naming line 1", () => {
    const error = errorOf(() => parseCast('{"version": 2, "width": 80', "cut.cast"));
    expect(error.location).toBe("line 1");
    expect(error.message).toBe("cut.cast (line 1): the header line ends before its JSON is complete (truncated file?)");
  });

  it("rejects a header that is not an asciicast header", () => {
    expect(errorOf(() => parseCast(lines({ version: 2, width: 80 }), "h.cast")).message).toMatch(/^h\.cast \(line 1\): an asciicast v2 header needs "width" and "height"/);
    expect(errorOf(() => parseCast(lines({ version: 3, term: {} }), "h.cast")).message).toMatch(/line 1\): an asciicast v3 header needs "term"/);
    expect(errorOf(() => parseCast(lines({ version: 1, width: 80, height: 24, stdout: [] }), "h.cast")).problem).toMatch(/asciicast v1 .* is not supported/);
    expect(errorOf(() => parseCast(lines([0.1, "o", "x"]), "h.cast")).problem).toMatch(/^expected an asciicast header/);
    expect(errorOf(() => parseCast(lines({ version: 7 }), "h.cast")).problem).toMatch(/^unsupported asciicast version number 7/);
  });

  it("rejects an event with a negative time, naming its line", () => {
    const error = errorOf(() => parseCast(lines(V2, [0.5, "o", "a"], [-1, "o", "b"]), "neg.cast"));
    expect([error.location, error.problem]).toEqual(["line 3", "the event time -1 is negative"]);
    expect(errorOf(() => parseCast(lines(V3, [-0.5, "o", "a"]), "neg3.cast")).location).toBe("line 2");
  });

  it("rejects NaN and Infinity times by name (JSON cannot hold them, text can)", () => {
    const nan = errorOf(() => parseCast(lines(V2, [0.5, "o", "a"], '[NaN, "o", "b"]'), "nan.cast"));
    expect(nan.message).toBe("nan.cast (line 3): the event time is NaN, not a number of seconds");
    expect(errorOf(() => parseCast(lines(V2, '[Infinity, "o", "b"]'), "inf.cast")).problem).toBe("the event time is Infinity, not a number of seconds");
    expect(errorOf(() => parseCast(lines(V2, ["1.5", "o", "b"]), "str.cast")).problem).toBe('the event time must be a number of seconds, found the string "1.5"');
  });

  it("rejects a v2 time that goes back more than clock jitter, naming both lines", () => {
    const error = errorOf(() => parseCast(lines(V2, [10, "o", "a"], [1, "o", "b"]), "back.cast"));
    expect(error.location).toBe("line 3");
    expect(error.problem).toBe("the event time 1 is earlier than 10 on line 2 (asciicast v2 times are absolute and must not decrease)");
  });

  it("rejects events that are not [time, code, data] arrays, naming the line", () => {
    expect(errorOf(() => parseCast(lines(V2, { time: 1, code: "o", data: "x" }), "obj.cast")).message).toBe(
      "obj.cast (line 2): expected an event [time, code, data] (a JSON array of 3 items), found an object",
    );
    expect(errorOf(() => parseCast(lines(V2, [1, "o"]), "short.cast")).problem).toMatch(/found an array of 2 item\(s\)$/);
    expect(errorOf(() => parseCast(lines(V2, [1, "", "x"]), "code.cast")).problem).toMatch(/^the event code must be a one-letter string/);
    expect(errorOf(() => parseCast(lines(V2, [1, "o", 5]), "data.cast")).problem).toBe("the event data must be a string, found number 5");
    expect(errorOf(() => parseCast(lines(V2, [1, "o", "x"], '[2, "o", "unterminated'), "cut.cast")).message).toBe(
      "cut.cast (line 3): this event line ends before its JSON is complete (truncated file?)",
    );
    const quotes = errorOf(() => parseCast(lines(V2, "[1, 'o', 'x']"), "quote.cast"));
    expect([quotes.location, quotes.problem]).toEqual(["line 2", expect.stringMatching(/^this event line is not valid JSON: /)]);
  });

  it("rejects an empty file, naming line 1", () => {
    expect(errorOf(() => parseCast("", "empty.cast")).message).toMatch(/^empty\.cast \(line 1\): the file is empty/);
    expect(errorOf(() => parseCast("\n\n", "blank.cast")).location).toBe("line 1");
  });
});

describe("asciicastImporter", () => {
  it("detects v2 and v3 headers, not other JSON", () => {
    const detect = (text: string) => asciicastImporter.detect(text, "x");
    expect(detect(`${JSON.stringify(V2)}\n[0.1, "o", "x"]`)).toBe(true);
    expect(detect(`\uFEFF${JSON.stringify(V3)}\n`)).toBe(true);
    expect(detect(JSON.stringify({ schema_version: "ATIF-v1.4", steps: [] }))).toBe(false);
    expect(detect(JSON.stringify({ version: 1, width: 80, height: 24, stdout: [] }))).toBe(false);
    expect(detect('{"version": 2, "width": 80')).toBe(false);
    expect(detect("")).toBe(false);
  });

  it("reports an empty file and invalid UTF-8 with the place", async () => {
    const empty = await rejectionOf(() => asciicastImporter.parse(memoryFile("e.cast", ""), none));
    expect(empty.message).toBe("/imports/e.cast: the file is empty");
    const bytes = Buffer.concat([Buffer.from(lines(V2, [0.1, "o", "ok"])), Buffer.from([0x5b, 0x31, 0x2c, 0xff, 0xfe, 0x5d, 0x0a])]);
    const binary = await rejectionOf(() => asciicastImporter.parse(memoryFile("b.cast", bytes), none));
    expect(binary.location).toBe(`line 3, byte ${Buffer.byteLength(lines(V2, [0.1, "o", "ok"])) + 3}`);
    expect(binary.problem).toMatch(/not valid UTF-8/);
  });

  it("keeps a recording without commands: zero steps, the text kept, a warning", async () => {
    const text = lines({ ...V2, timestamp: 1700000000 }, [0.1, "o", "just output\r\n"], [2.5, "o", "more\r\n"]);
    const t = (await asciicastImporter.parse(memoryFile("out.cast", text), none)).trajectories[0]!;
    expect(t).toMatchObject({ steps: [], recording: text, durationMs: 2500, startedAt: new Date(1700000000000), endedAt: new Date(1700000002500) });
    expect(t.warnings[0]).toMatch(/zero steps, the recording is kept for replay$/);
  });
});

describe("segmentCast", () => {
  it("takes typed lines as commands, applying backspaces and Ctrl-U, with output until the next command", () => {
    const prompt = "user@box:~$ ";
    const cast = parseCast(
      lines(
        { ...V2, timestamp: 1700000000 },
        [0.1, "o", prompt],
        [1.0, "i", "l"],
        [1.01, "o", "l"],
        [1.1, "i", "s"],
        [1.11, "o", "s"],
        [1.2, "i", "s"],
        [1.21, "o", "s"],
        [1.3, "i", "\u007f"],
        [1.31, "o", "\b\u001b[K"],
        [1.4, "i", " -l\r"],
        [1.41, "o", " -l\r\n"],
        [1.5, "o", "total 0\r\n-rw-r--r-- 1 u u 0 a.txt\r\n"],
        [1.6, "o", prompt],
        [3.0, "i", "oops\u0015echo hi\r"],
        [3.01, "o", "oops\u001b[4Decho hi\r\nhi\r\n" + prompt],
        [4.0, "i", "sleep 9\r"],
        [4.01, "o", "sleep 9\r\n"],
        [5.0, "i", "\u0003"],
        [5.01, "o", "^C\r\n" + prompt],
      ),
      "typed.cast",
    );
    const steps = segmentCast(cast);
    expect(steps.map((s) => s.action)).toEqual(["ls -l", "echo hi", "sleep 9"]);
    expect(steps[0]).toMatchObject({ keystrokes: "lss\u007f -l\r", recordingOffset: 1.0, observation: "total 0\n-rw-r--r-- 1 u u 0 a.txt" });
    expect(steps[0]!.startedAt).toEqual(new Date(1700000001000));
    expect(steps[1]).toMatchObject({ keystrokes: "oops\u0015echo hi\r", recordingOffset: 3.0, observation: "hi" });
    // Ctrl-C goes to the command it interrupts.
    expect(steps[2]).toMatchObject({ keystrokes: "sleep 9\r\u0003", observation: "^C" });
  });

  it("keeps keys sent in one write as one command (a heredoc is one step), without the shell's echo", () => {
    const cast = parseCast(
      lines(
        V2,
        [0.1, "o", "root@abc123:/app# "],
        [1.0, "i", "cat > f.txt <<'EOF'\rhello\rEOF\r"],
        [1.01, "o", "cat > f.txt <<'EOF'\r\n> hello\r\n> EOF\r\n"],
        [1.02, "o", "root@abc123:/app# "],
        [2.0, "i", "printf done\r"],
        [2.01, "o", "printf done\r\ndoneroot@abc123:/app# "],
      ),
      "sent.cast",
    );
    const steps = segmentCast(cast);
    expect(steps.map((s) => s.action)).toEqual(["cat > f.txt <<'EOF'\nhello\nEOF", "printf done"]);
    expect(steps[0]!.observation).toBe("");
    // Output without a final newline keeps its text; only the prompt after it goes.
    expect(steps[1]!.observation).toBe("done");
  });

  it("segments output-only recordings at shell prompts learned from the first lines", () => {
    const cast = parseCast(
      lines(
        { ...V2, timestamp: 1700000000 },
        [0.0, "o", "\u001b[?2004hroot@abc123:/app# "],
        [0.5, "o", "ls\r\n\u001b[?2004l\r"],
        [0.6, "o", "file1\r\nfile2\r\n"],
        [0.7, "o", "\u001b[?2004hroot@abc123:/app# "],
        [1.0, "o", "cd /tmp\r\n"],
        [1.1, "o", "root@abc123:/tmp# cat x\r\nhello\r\n"],
        [2.0, "o", "root@abc123:/tmp# "],
        [2.5, "o", "\r\n"],
        [3.0, "o", "root@abc123:/tmp# echo never-submitted"],
      ),
      "prompts.cast",
    );
    const segmentation = segmentCastCommands(cast);
    expect(segmentation.method).toBe("prompt");
    expect(segmentation.prompt?.example).toBe("root@abc123:/app# ");
    const steps = segmentCast(cast);
    expect(steps.map((s) => [s.action, s.observation, s.recordingOffset])).toEqual([
      ["ls", "file1\nfile2", 0.5],
      ["cd /tmp", "", 1.0],
      ["cat x", "hello", 1.1],
    ]);
    expect(steps[0]!.keystrokes).toBeNull();
    expect(steps[2]!.startedAt).toEqual(new Date(1700000001100));
  });

  it("learns a bare `$ ` prompt only when it repeats", () => {
    const bare = parseCast(lines(V2, [0.1, "o", "$ whoami\r\nroot\r\n$ pwd\r\n/root\r\n$ "]), "bare.cast");
    expect(segmentCast(bare).map((s) => [s.action, s.observation])).toEqual([
      ["whoami", "root"],
      ["pwd", "/root"],
    ]);
    const once = parseCast(lines(V2, [0.1, "o", "# A heading\r\nsome text\r\n"]), "once.cast");
    expect(segmentCastCommands(once).method).toBe("none");
  });
});

describe("TerminalText", () => {
  it("shows what a reader saw: spinners redrawn in place, erased lines gone, soft wraps joined", () => {
    const t = new TerminalText(10, 5);
    t.write("⠋ wait\r\u001b[2K⠙ wait\r\u001b[2KTHOUGHT: ok\r\n", 1);
    t.write("spinner\r\n\u001b[1A\u001b[2Kdone\r\n", 2);
    t.write("0123456789abc\r\n", 3);
    t.write("\u001b[?1049hvim screen\u001b[?1049lafter", 4);
    expect(t.text()).toBe("THOUGHT: ok\ndone\n0123456789abc\nafter");
  });

  it("keeps history across clear, and handles escape sequences split between writes", () => {
    const t = new TerminalText(80, 24);
    t.write("before\r\n\u001b[H\u001b[J", 1);
    t.write("after \u001b[3", 2);
    t.write("1mred\u001b[0m\r\n", 3);
    expect(t.text()).toBe("before\nafter red\n"); // the cursor sits on a new, empty line
  });
});
