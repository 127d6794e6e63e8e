import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/*
 * `trajstudio serve` as a user runs it: a real process, a real port, a real data directory.
 * (The browser specs use the server Playwright starts; these start their own.)
 */

type Served = { child: ChildProcessWithoutNullStreams; stdout: string[]; stderr: string[]; exit: Promise<number | null> };

function serve(args: string[], env: Record<string, string | undefined> = {}): Served {
  const child = spawn(process.execPath, ["bin/trajstudio.js", ...args], { env: { ...process.env, ...env } });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on("data", (d: Buffer) => stdout.push(d.toString()));
  child.stderr.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout, stderr, exit };
}

async function firstJson(served: Served): Promise<{ url: string; db: string; location: string }> {
  await expect.poll(() => served.stdout.join("").includes("\n") || served.child.exitCode !== null, { timeout: 60_000 }).toBe(true);
  const out = served.stdout.join("");
  expect(served.child.exitCode, served.stderr.join("")).toBeNull();
  expect(out.trim().split("\n")).toHaveLength(1); // --json: one document, nothing else on stdout
  return JSON.parse(out);
}

const tempDirs: string[] = [];
function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trajstudio-e2e-"));
  tempDirs.push(dir);
  return dir;
}
test.afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test("serve migrates a new data directory, answers health on 127.0.0.1, and holds the directory alone", async ({ request }) => {
  const data = dataDir();
  const first = serve(["serve", "--port", "3191", "--data", data, "--json"]);
  try {
    const started = await firstJson(first);
    expect(started).toEqual({ url: "http://127.0.0.1:3191", db: "pglite", location: data });

    const health = await request.get(`${started.url}/api/health`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: "pglite", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });

    const second = serve(["serve", "--port", "3192", "--data", data]);
    expect(await second.exit).toBe(1);
    const message = second.stderr.join("");
    expect(message).toContain(`is in use by process ${first.child.pid}`);
    expect(message).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
  } finally {
    first.child.kill("SIGTERM");
  }
  expect(await first.exit).toBe(0);

  // Stopped cleanly: the lock is released and the migrated data opens again at once.
  const third = serve(["serve", "--port", "3193", "--data", data, "--json"]);
  try {
    expect((await firstJson(third)).db).toBe("pglite");
  } finally {
    third.child.kill("SIGTERM");
  }
  expect(await third.exit).toBe(0);
});

test("serve says so when the port is taken", async () => {
  const taken = serve(["serve", "--port", "3100", "--data", dataDir()]); // the Playwright server holds 3100
  expect(await taken.exit).toBe(1);
  expect(taken.stderr.join("")).toContain("Port 3100 on 127.0.0.1 is already in use");
});

test("DATABASE_URL switches the same app to a PostgreSQL server", async ({ request }) => {
  const url = process.env.TEST_DATABASE_URL;
  test.skip(!url, "TEST_DATABASE_URL is not set (npm test starts a PostgreSQL server and sets it)");
  const served = serve(["serve", "--port", "3194", "--json"], { DATABASE_URL: url });
  try {
    const started = await firstJson(served);
    expect(started.db).toBe("postgres");
    expect(await (await request.get(`${started.url}/api/health`)).json()).toMatchObject({ ok: true, db: "postgres" });
  } finally {
    served.child.kill("SIGTERM");
  }
  expect(await served.exit).toBe(0);
});
