import type { CoupaClient } from "../../src/coupa/coupa-client.js";

/**
 * Every record of a list endpoint, read by keyset (`id[gt]`) 50 at a time
 * as the extractor reads; `onPage` is called after each page.
 */
export async function readAllPages(
  client: CoupaClient,
  resource: string,
  onPage: () => void = () => undefined,
): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let last = 0;
  for (;;) {
    const page = await client.getPage(`/api/${resource}`, [
      ["order_by", "id"],
      ["dir", "asc"],
      ["id[gt]", String(last)],
      ["limit", "50"],
    ]);
    records.push(...page.records);
    onPage();
    if (page.records.length < 50) return records;
    last = Number(page.records.at(-1)?.id);
  }
}
