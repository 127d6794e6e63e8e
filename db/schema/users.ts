import { bigint, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { userRole } from "./enums";

/** Annotators, curators and admins. Local mode has one implicit admin. */
export const users = pgTable("users", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique(),
  email: text().unique(),
  role: userRole().notNull().default("annotator"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
