/*
 * A deterministic asciicast v2 of an agent session, as large as asked: steps of prompt, typed
 * command, echo and output, the way terminal agents' recordings look. Output mixes plain and
 * colored lines (ls, grep, compiler and test-runner colors), progress bars redrawn with \r (pip),
 * and now and then a full-screen pager on the alternate screen (less), so both players meet the
 * sequences real casts hold. Times only increase: seconds between steps, milliseconds within.
 */

/** mulberry32: a small seeded generator, so every run replays the same cast. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "the request handler returns parsed config value for each module when cache is stale so we retry with backoff and log error token path file index buffer stream".split(" ");
const FILES = ["src/app.py", "src/utils/io.py", "tests/test_app.py", "README.md", "setup.cfg", "lib/parser.c", "Makefile", "docs/index.rst"];
const COLORS = ["\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[1;34m", "\x1b[36m", "\x1b[35m"];
const WIDTH = 160;
const HEIGHT = 40;

export function generateCast(targetBytes: number, seed = 1): string {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");

  const lines: string[] = [JSON.stringify({ version: 2, width: WIDTH, height: HEIGHT, timestamp: 1750000000, env: { SHELL: "/bin/bash", TERM: "xterm-256color" } })];
  let bytes = lines[0]!.length + 1;
  let time = 0;
  const emit = (code: "o" | "i", data: string, dt: number) => {
    time += dt;
    const line = `[${time.toFixed(6)}, "${code}", ${JSON.stringify(data)}]`;
    lines.push(line);
    bytes += line.length + 1;
  };
  /** Output lines, a few per event as a pipe delivers them. */
  const burst = (out: string[]) => {
    for (let i = 0; i < out.length; ) {
      const n = int(1, 25);
      emit("o", out.slice(i, i + n).map((l) => `${l}\r\n`).join(""), 0.001 + rand() * 0.04);
      i += n;
    }
  };

  for (let step = 0; bytes < targetBytes; step++) {
    emit("o", `\x1b[?2004h\x1b[01;32mroot@bench\x1b[00m:\x1b[01;34m/app\x1b[00m# `, 1 + rand() * 8);
    const kind = step % 10 === 9 ? "less" : pick(["ls", "grep", "cat", "pytest", "pip", "make"] as const);
    const file = pick(FILES);
    const command = { less: `less ${file}`, ls: "ls -la --color=auto src", grep: `grep -rn --color=always '${pick(WORDS)}' .`, cat: `cat ${file}`, pytest: "python -m pytest -q", pip: "pip install requests", make: "make -j4" }[kind];
    emit("i", `${command}\r`, 0.3 + rand());
    emit("o", `${command}\r\n\x1b[?2004l\r`, 0.0005);
    const n = int(5, 120);
    switch (kind) {
      case "ls":
        burst(Array.from({ length: n }, (_, i) => `-rw-r--r-- 1 root root ${String(int(10, 99999)).padStart(6)} Jun ${int(1, 30)} 12:${int(10, 59)} ${i % 4 ? pick(WORDS) : `\x1b[01;34m${pick(WORDS)}\x1b[0m`}_${i}.py`));
        break;
      case "grep":
        burst(Array.from({ length: n }, () => `\x1b[35m${pick(FILES)}\x1b[m\x1b[36m:\x1b[m\x1b[32m${int(1, 900)}\x1b[m\x1b[36m:\x1b[m ${words(int(3, 9))} \x1b[01;31m\x1b[K${pick(WORDS)}\x1b[m\x1b[K ${words(int(2, 8))}`));
        break;
      case "cat":
        burst(Array.from({ length: n }, () => `${"    ".repeat(int(0, 3))}${words(int(2, 16))}`));
        break;
      case "pytest": {
        const out = Array.from({ length: int(2, 8) }, () => `tests/test_${pick(WORDS)}.py ${".".repeat(int(5, 60))}${rand() < 0.2 ? "\x1b[31mF\x1b[0m" : ""}`);
        out.push(rand() < 0.3 ? `\x1b[31m===== ${int(1, 5)} failed, ${int(10, 200)} passed in ${(rand() * 20).toFixed(2)}s =====\x1b[0m` : `\x1b[32m===== ${int(10, 200)} passed in ${(rand() * 20).toFixed(2)}s =====\x1b[0m`);
        burst(out);
        break;
      }
      case "pip": {
        emit("o", "Collecting requests\r\n  Downloading requests-2.32.3-py3-none-any.whl (64 kB)\r\n", 0.4);
        const total = int(20, 80);
        for (let k = 1; k <= total; k++) {
          const done = Math.round((k / total) * 40);
          emit("o", `\r     \x1b[38;5;197m${"━".repeat(done)}\x1b[0m\x1b[38;5;237m${"━".repeat(40 - done)}\x1b[0m \x1b[32m${((k / total) * 3.4).toFixed(1)}/3.4 MB\x1b[0m \x1b[31m5.1 MB/s\x1b[0m eta \x1b[36m0:00:0${int(0, 9)}\x1b[0m`, 0.05);
        }
        emit("o", "\r\nSuccessfully installed requests-2.32.3\r\n", 0.2);
        break;
      }
      case "make":
        burst(Array.from({ length: n }, () => (rand() < 0.15 ? `${pick(FILES)}:${int(1, 400)}:${int(1, 80)}: \x1b[01;35mwarning: \x1b[0m${words(int(3, 10))} [\x1b[01;35m-Wunused\x1b[0m]` : `${pick(COLORS)}CC\x1b[0m ${pick(FILES).replace(/\.\w+$/, ".o")}`)));
        break;
      case "less": {
        // A full screen on the alternate screen, left a couple of seconds later.
        const page = Array.from({ length: HEIGHT - 1 }, (_, i) => `\x1b[${i + 1};1H${words(int(1, 18))}\x1b[K`).join("");
        emit("o", `\x1b[?1049h\x1b[22;0;0t\x1b[?1h\x1b=\r${page}\x1b[${HEIGHT};1H\x1b[7m${file} (END)\x1b[27m\x1b[K`, 0.05);
        emit("i", "q", 1 + rand() * 3);
        emit("o", "\r\x1b[K\x1b[?1l\x1b>\x1b[?1049l\x1b[23;0;0t", 0.001);
        break;
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
