import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { savedViews, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import { ensureUser } from "../users/ensure-user";

export const SavedViewInput = z.object({
  name: z.string().trim().min(1, "Give the view a name.").max(100),
  /** The list's query string: "" or "?…", as the list page writes it. */
  query: z.string().max(4000).regex(/^(\?[^#\s]*)?$/, "A view is the list's query string, like ?outcome=failed&sort=egs."),
  createdBy: z.string().nullish(),
});
export type SavedViewInput = z.input<typeof SavedViewInput>;

/** Saves a view under its name; saving under an existing name replaces that view's query. */
export async function saveView(db: Db, input: SavedViewInput) {
  const { name, query, createdBy } = SavedViewInput.parse(input);
  const creator = createdBy ? await ensureUser(db, { name: createdBy }) : null;
  const [row] = await db
    .insert(savedViews)
    .values({ name, query, createdBy: creator?.id })
    .onConflictDoUpdate({ target: savedViews.name, set: { query, updatedAt: sql`now()` } })
    .returning({ id: savedViews.id, name: savedViews.name, query: savedViews.query });
  return row!;
}

export async function listSavedViews(db: Db) {
  return db
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query, createdBy: users.name, updatedAt: savedViews.updatedAt })
    .from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.createdBy))
    .orderBy(sql`lower(${savedViews.name})`, asc(savedViews.name));
}

export async function deleteView(db: Db, id: number) {
  const [row] = await db.delete(savedViews).where(eq(savedViews.id, id)).returning({ id: savedViews.id });
  if (!row) throw new NotFoundError("saved view", id);
  return row;
}
