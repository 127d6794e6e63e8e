import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { fakeSourceHash, openTestDatabase, uniqueName } from "../testing/test-database";
import { createTrajectory } from "../trajectories/create-trajectory";
import { createContext } from "./init";
import { createCaller } from "./root";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const caller = (userName = "local") => createCaller(createContext(database, userName));

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("the tRPC router", () => {
  it("reports health with the database kind", async () => {
    expect(await caller().system.health()).toEqual({ ok: true, db: database.kind, version: expect.any(String) });
  });

  it("serves a trajectory, its steps and the overview counts", async () => {
    const { id } = await createTrajectory(database.db, {
      agent: { name: uniqueName("agent") },
      sourceFormat: "atif",
      sourceHash: fakeSourceHash(),
      steps: [{ action: "ls" }, { action: "make test" }],
    });
    const trajectory = await caller().trajectories.get({ id });
    expect(trajectory.stepCount).toBe(2);
    expect((await caller().trajectories.steps({ id })).map((s) => s.action)).toEqual(["ls", "make test"]);
    const overview = await caller().system.overview();
    expect(overview.trajectories).toBeGreaterThanOrEqual(1);
    expect(overview.steps).toBeGreaterThanOrEqual(2);
  });

  it("labels as the signed-in user, whatever the client claims", async () => {
    const { id } = await createTrajectory(database.db, { sourceFormat: "atif", sourceHash: fakeSourceHash(), steps: [{ action: "ls" }] });
    const [step] = await caller().trajectories.steps({ id });
    const annotator = uniqueName("ana");
    const input = { stepId: step!.id, tag: "inspect" as const, annotator: "mallory" };
    const label = await caller(annotator).labels.create(input);
    expect(label.annotator).toBe(annotator);
    expect((await caller().labels.current({ stepId: step!.id })).map((l) => l.annotator)).toEqual([annotator]);
  });

  it("maps service errors to codes and keeps their messages", async () => {
    const notFound = await codeOf(caller().trajectories.get({ id: 987654321 }));
    expect(notFound.code).toBe("NOT_FOUND");
    expect(notFound.message).toBe("No trajectory with id 987654321.");

    const name = uniqueName("ds");
    await caller().datasets.create({ name });
    const conflict = await codeOf(caller().datasets.create({ name }));
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toContain(name);
  });

  it("rejects bad input before any service runs", async () => {
    const error = await codeOf(caller().trajectories.get({ id: -1 }));
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("hides unexpected errors behind a generic message and logs them in full", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const gone = await openTestDatabase();
    await gone.close(); // every query now fails inside the driver: an error no service expects
    const error = await codeOf(createCaller(createContext(gone)).system.overview());
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).toBe("Something went wrong on the server; the details are in its log.");
    expect(log).toHaveBeenCalledWith(expect.stringContaining("unexpected error"), expect.any(Error));
    log.mockRestore();
  });
});
