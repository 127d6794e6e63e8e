import path from "node:path";
import { describe, expect, it } from "vitest";
import { redactUrl, resolveDatabaseConfig } from "./config";

describe("resolveDatabaseConfig", () => {
  it("defaults to the embedded database in ./.trajstudio", () => {
    expect(resolveDatabaseConfig({}, {})).toEqual({ kind: "pglite", dataDir: path.resolve(".trajstudio") });
  });

  it("takes the data directory from TRAJSTUDIO_DATA", () => {
    expect(resolveDatabaseConfig({}, { TRAJSTUDIO_DATA: "/srv/studio" })).toEqual({ kind: "pglite", dataDir: "/srv/studio" });
  });

  it("switches to PostgreSQL when DATABASE_URL is set", () => {
    const url = "postgres://u:p@db:5432/studio";
    expect(resolveDatabaseConfig({}, { DATABASE_URL: url, TRAJSTUDIO_DATA: "/srv" })).toEqual({ kind: "postgres", url });
  });

  it("lets an explicit --data win over the environment", () => {
    expect(resolveDatabaseConfig({ data: "rel/dir" }, { DATABASE_URL: "postgres://x/y" })).toEqual({
      kind: "pglite",
      dataDir: path.resolve("rel/dir"),
    });
  });
});

describe("redactUrl", () => {
  it("hides the password and keeps the rest", () => {
    expect(redactUrl("postgres://studio:hunter2@db.internal:5432/prod")).toBe("postgres://studio:***@db.internal:5432/prod");
    expect(redactUrl("postgres://studio@db/prod")).toBe("postgres://studio@db/prod");
  });
});
