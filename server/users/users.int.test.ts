import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { openTestDatabase, uniqueName } from "../testing/test-database";
import { ensureUser, listUsers } from "./ensure-user";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("users", () => {
  it("creates a user once and keeps the role it was created with", async () => {
    const name = uniqueName("curator");
    const created = await ensureUser(database.db, { name, email: `${name}@lab.example`, role: "curator" });
    expect(created).toMatchObject({ name, role: "curator" });
    const again = await ensureUser(database.db, { name, role: "viewer" });
    expect(again).toEqual(created);
    expect((await listUsers(database.db)).find((u) => u.name === name)).toMatchObject({ role: "curator", email: `${name}@lab.example` });
  });

  it("makes new users annotators unless told otherwise, and rejects an unknown role", async () => {
    expect((await ensureUser(database.db, { name: uniqueName("ann") })).role).toBe("annotator");
    await expect(ensureUser(database.db, { name: uniqueName("x"), role: "owner" as "admin" })).rejects.toThrow();
  });
});
