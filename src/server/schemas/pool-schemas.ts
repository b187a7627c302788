import { z } from "zod";
import {
  MIN_MEMORY_LIMIT_MB,
  MIN_SMALL_BLOCK_MEMORY_LIMIT_MB,
} from "../../load/pool-memory.js";

const MEMORY_LIMIT_FIX =
  `Give a whole number of MB, ${MIN_SMALL_BLOCK_MEMORY_LIMIT_MB} or more, ` +
  `or null for the default (${MIN_MEMORY_LIMIT_MB}).`;

/** DuckDB's memory cap of a pool in MB; null for the default. */
const memoryLimitMb = z
  .number(MEMORY_LIMIT_FIX)
  .int(MEMORY_LIMIT_FIX)
  .min(MIN_SMALL_BLOCK_MEMORY_LIMIT_MB, MEMORY_LIMIT_FIX)
  .nullable();

/** Body of `POST /api/pools`. */
export const poolCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the data pool a name.").max(200),
  description: z.string().max(2000).default(""),
  memoryLimitMb: memoryLimitMb.default(null),
});

/** Body of `PATCH /api/pools/:poolId`: any subset of the fields. */
export const poolUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Give the data pool a name.").max(200),
    description: z.string().max(2000),
    memoryLimitMb,
  })
  .partial();

/** A data pool as the API returns it. */
export const poolSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /**
   * DuckDB's memory cap in MB during runs; null for the default (256).
   * Under 256 only for a pool whose file was created with such a cap.
   */
  memoryLimitMb: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A data pool as the API returns it. */
export type Pool = z.infer<typeof poolSchema>;
