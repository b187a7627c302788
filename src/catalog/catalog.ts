import type { Catalog, CatalogResource } from "./catalog-types.js";
import r39 from "./generated/R39.json" with { type: "json" };

const catalogs: Readonly<Record<string, Catalog>> = {
  R39: r39 as unknown as Catalog,
};

/** Coupa releases the product knows, oldest first. */
export const API_VERSIONS: readonly string[] = Object.keys(catalogs).sort(
  (a, b) => Number(a.slice(1)) - Number(b.slice(1)),
);

/** The newest release the product knows: the default API version. */
export const LATEST_API_VERSION = API_VERSIONS.at(-1) as string;

/**
 * Resources the product extracts and tests end to end. The catalog knows
 * more; these are the ones a purchase-to-pay analysis needs.
 */
export const SUPPORTED_RESOURCES = [
  "invoices",
  "purchase_orders",
  "purchase_order_lines",
  "purchase_order_changes",
  "requisitions",
  "suppliers",
  "supplier_items",
  "users",
  "approvals",
  "contracts",
  "addresses",
  "departments",
  "business_groups",
  "inventory_transactions",
  "expense_reports",
  "accounts",
  "exchange_rates",
  "payment_terms",
  "commodities",
  "remit_to_addresses",
] as const;

/** Name of a resource in `SUPPORTED_RESOURCES`. */
export type SupportedResource = (typeof SUPPORTED_RESOURCES)[number];

/**
 * The catalog of one Coupa release.
 *
 * @example
 * const invoices = getCatalog("R39").resources.invoices;
 * invoices?.scope; // "core.invoice.read"
 */
export function getCatalog(apiVersion = LATEST_API_VERSION): Catalog {
  const catalog = catalogs[apiVersion.toUpperCase()];
  if (!catalog) {
    throw new Error(
      `Unknown Coupa API version "${apiVersion}". ` +
        `Known versions: ${API_VERSIONS.join(", ")}.`,
    );
  }
  return catalog;
}

/**
 * One resource of a release, or an error naming the known resources.
 *
 * @example
 * getResource("invoices").endpoint; // "/api/invoices"
 */
export function getResource(
  name: string,
  apiVersion = LATEST_API_VERSION,
): CatalogResource {
  const catalog = getCatalog(apiVersion);
  const resource = catalog.resources[name];
  if (!resource) {
    const known = Object.keys(catalog.resources).sort().join(", ");
    throw new Error(
      `Unknown Coupa resource "${name}" in ${catalog.apiVersion}. ` +
        `Known resources: ${known}.`,
    );
  }
  return resource;
}
