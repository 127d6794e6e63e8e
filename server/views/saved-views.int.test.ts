import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { openTestDatabase } from "../testing/test-database";
import { createCaller } from "../trpc/root";
import { createContext } from "../trpc/init";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("saved views", () => {
  it("saves, lists by name, replaces by name and deletes", async () => {
    const ada = createCaller(createContext(database, "ada"));
    const failed = await ada.views.save({ name: "Failed, open loop", query: "?outcome=failed&loop=open" });
    await ada.views.save({ name: "  all  ", query: "" });
    expect((await ada.views.list()).map((v) => [v.name, v.query, v.createdBy])).toEqual([
      ["all", "", "ada"],
      ["Failed, open loop", "?outcome=failed&loop=open", "ada"],
    ]);

    // Saving under a name that exists replaces its query, keeping the view (and its creator).
    const again = await createCaller(createContext(database, "grace")).views.save({ name: "Failed, open loop", query: "?outcome=failed" });
    expect(again.id).toBe(failed.id);
    expect((await ada.views.list()).find((v) => v.id === failed.id)).toMatchObject({ query: "?outcome=failed", createdBy: "ada" });

    await ada.views.delete({ id: failed.id });
    expect((await ada.views.list()).map((v) => v.name)).toEqual(["all"]);
    await expect(ada.views.delete({ id: failed.id })).rejects.toThrow("No saved view with id");
  });

  it("refuses what is not a list query or has no name", async () => {
    const caller = createCaller(createContext(database));
    await expect(caller.views.save({ name: "x", query: "outcome=failed" })).rejects.toThrow(/query string/);
    await expect(caller.views.save({ name: " ", query: "" })).rejects.toThrow(/name/);
  });
});
