import { asc, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { userRole, users } from "@/db/schema";

export const UserInput = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.email().nullish(),
  role: z.enum(userRole.enumValues).default("annotator"),
});
export type UserInput = z.input<typeof UserInput>;

/** The user named `input.name`, created with `input.role` if new (an existing role is kept). */
export async function ensureUser(db: Db, input: UserInput) {
  const values = UserInput.parse(input);
  const [row] = await db
    .insert(users)
    .values(values)
    // A no-op update so RETURNING yields the existing row too.
    .onConflictDoUpdate({ target: users.name, set: { name: sql`excluded.name` } })
    .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
  return row!;
}

export async function listUsers(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.name));
}
