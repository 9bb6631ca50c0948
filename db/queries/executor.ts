// Query functions take either the database or an open transaction.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema/index.ts";

/** The database or a transaction on it: what every query function runs against. */
export type Executor = Kysely<Database> | Transaction<Database>;
