import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "./main";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { stdout: () => out.join(""), stderr: () => err.join("") };
}
afterEach(() => vi.restoreAllMocks());

const argv = (...args: string[]) => ["node", "trajstudio", ...args];

describe("trajstudio CLI", () => {
  it("prints its version with -v, and leaves a subcommand's --version to the subcommand", async () => {
    const io = capture();
    expect(await main(argv("-v"))).toBe(0);
    expect(io.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
    // `export … --version abc` reaches export, which refuses it, rather than printing 0.1.0.
    expect(await main(argv("export", "some-set", "--format", "openai", "--out", "/nonexistent/x", "--version", "abc"))).toBe(1);
    expect(io.stderr()).toContain('--version takes a version number, not "abc"');
  });

  it("explains itself with --help and exits 0", async () => {
    const io = capture();
    expect(await main(argv("--help"))).toBe(0);
    expect(io.stdout()).toContain("Usage: trajstudio");
    expect(io.stdout()).toContain("serve");
    expect(io.stdout()).toContain("--data <dir>");
  });

  it("rejects a bad port with a usage error, not a stack", async () => {
    const io = capture();
    expect(await main(argv("serve", "--port", "99999"))).toBe(1);
    expect(io.stderr()).toContain("expected a port number");
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });

  it("with --json, prints exactly one JSON document on stdout, even for an error", async () => {
    const io = capture();
    process.env.TRAJSTUDIO_ROOT = "/nonexistent-trajstudio-root";
    try {
      expect(await main(argv("--json", "serve", "--port", "3999"))).toBe(1);
    } finally {
      delete process.env.TRAJSTUDIO_ROOT;
    }
    const lines = io.stdout().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ error: expect.stringContaining("No production build") });
    expect(io.stderr()).toContain("No production build");
  });
});
