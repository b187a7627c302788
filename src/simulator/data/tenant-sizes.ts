/**
 * How many records of each resource a tenant of a given size has. Size is
 * the number of invoices; everything else derives from it with the ratios
 * documented on each field, so a benchmark can scale one number.
 */
export interface TenantSizes {
  /** `size`. */
  readonly invoices: number;
  /** round(0.8 × invoices), at least 1: some orders are invoiced twice. */
  readonly purchaseOrders: number;
  /** purchase orders + ceil(purchase orders / 8): every 9th is not ordered. */
  readonly requisitions: number;
  /** max(20, invoices / 50). */
  readonly suppliers: number;
  /** max(25, invoices / 80). */
  readonly users: number;
  /** max(10, suppliers / 4). */
  readonly contracts: number;
  /** 4 per supplier. */
  readonly supplierItems: number;
  /** max(10, invoices / 10). */
  readonly expenseReports: number;
  /** max(1, purchase orders / 20): one change request per 20th order. */
  readonly purchaseOrderChanges: number;
  /** Fixed: 12 company addresses. */
  readonly addresses: number;
  /** Fixed: 12. */
  readonly departments: number;
  /** Fixed: 6 content groups. */
  readonly businessGroups: number;
  /** Fixed: 48 GL accounts (12 cost centres × 4 natural accounts). */
  readonly accounts: number;
  /** Fixed: 36 (6 categories with 5 children each). */
  readonly commodities: number;
  /** Fixed: 8. */
  readonly paymentTerms: number;
  /** Fixed: 5 currencies to USD, monthly over 30 months = 150. */
  readonly exchangeRates: number;
}

/** Sizes of every resource for `size` invoices (at least 1). */
export function tenantSizes(size: number): TenantSizes {
  const invoices = size;
  const purchaseOrders = Math.max(1, Math.round(invoices * 0.8));
  const suppliers = Math.max(20, Math.floor(invoices / 50));
  return {
    invoices,
    purchaseOrders,
    requisitions: purchaseOrders + Math.ceil(purchaseOrders / 8),
    suppliers,
    users: Math.max(25, Math.floor(invoices / 80)),
    contracts: Math.max(10, Math.floor(suppliers / 4)),
    supplierItems: suppliers * 4,
    expenseReports: Math.max(10, Math.floor(invoices / 10)),
    purchaseOrderChanges: Math.max(1, Math.floor(purchaseOrders / 20)),
    addresses: 12,
    departments: 12,
    businessGroups: 6,
    accounts: 48,
    commodities: 36,
    paymentTerms: 8,
    exchangeRates: 150,
  };
}
