import { z } from "zod";

/** Body of `POST /api/pools`. */
export const poolCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the data pool a name.").max(200),
  description: z.string().max(2000).default(""),
});

/** Body of `PATCH /api/pools/:poolId`: any subset of the fields. */
export const poolUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Give the data pool a name.").max(200),
    description: z.string().max(2000),
  })
  .partial();

/** A data pool as the API returns it. */
export const poolSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A data pool as the API returns it. */
export type Pool = z.infer<typeof poolSchema>;
