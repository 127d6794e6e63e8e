import { bigint, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/** A named trajectory-list view, shared by the team: the list's URL query (filters and sort). */
export const savedViews = pgTable("saved_views", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique(),
  /** The query string of /trajectories, with its leading "?" ("" is the unfiltered list). */
  query: text().notNull(),
  createdBy: bigint({ mode: "number" }).references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
