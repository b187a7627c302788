import { existsSync } from "node:fs";
import { z } from "zod";
import { notFound } from "../api-error.js";
import type { EnginePoolReader, PoolTableInfo } from "../extraction-engine.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { rowsQuerySchema } from "../schemas/run-schemas.js";
import type { ServerContext } from "../server-context.js";
import { requirePool } from "./lookups.js";
import { toJsonValue } from "./to-json-value.js";

const tableInfoSchema = z.object({
  name: z.string(),
  rows: z.number(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
});

/** The pool's extracted tables and a paged preview of their rows. */
export function registerTableRoutes(routes: ApiRoutes, ctx: ServerContext) {
  routes.add({
    method: "GET",
    url: "/api/pools/:poolId/tables",
    summary: "List the pool's extracted tables with row counts",
    tag: "tables",
    params: z.object({ poolId: z.string() }),
    response: z.array(tableInfoSchema),
    handler: ({ params }) =>
      withReader(ctx, params.poolId, async (reader) =>
        reader ? extractedTables(reader) : [],
      ),
  });

  routes.add({
    method: "GET",
    url: "/api/pools/:poolId/tables/:table/rows",
    summary: "Page through a table's rows",
    tag: "tables",
    params: z.object({ poolId: z.string(), table: z.string() }),
    query: rowsQuerySchema,
    response: z.object({
      columns: tableInfoSchema.shape.columns,
      rows: z.array(z.record(z.string(), z.unknown())),
      total: z.number(),
    }),
    handler: ({ params, query }) =>
      withReader(ctx, params.poolId, async (reader) => {
        const tables = reader ? await extractedTables(reader) : [];
        const table = tables.find((t) => t.name === params.table);
        if (!reader || !table) {
          throw notFound(
            "table",
            params.table,
            `List the pool's tables with GET /api/pools/${params.poolId}/tables.`,
          );
        }
        const rows = await reader.rows(table.name, query);
        return {
          columns: table.columns,
          rows: rows.map((row) => toJsonValue(row)),
          total: table.rows,
        };
      }),
  });
}

/** Tables a user extracted; bookkeeping tables (`_runs`, ...) hidden. */
async function extractedTables(
  reader: EnginePoolReader,
): Promise<PoolTableInfo[]> {
  const tables = await reader.tables();
  return tables
    .filter((table) => !table.name.startsWith("_"))
    .map((table) => ({ ...table, rows: Number(table.rows) }));
}

async function withReader<T>(
  ctx: ServerContext,
  poolId: string,
  use: (reader: EnginePoolReader | undefined) => Promise<T>,
): Promise<T> {
  requirePool(ctx, poolId);
  const path = ctx.paths.pool(poolId);
  if (!existsSync(path)) return use(undefined);
  const reader = await ctx.engine.openPoolReader(path);
  try {
    return await use(reader);
  } finally {
    await reader.close();
  }
}
