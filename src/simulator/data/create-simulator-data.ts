import { SUPPORTED_RESOURCES } from "../../catalog/catalog.js";
import { AccountModel } from "./account-model.js";
import { AddressModel } from "./address-model.js";
import { ApprovalModel } from "./approval-model.js";
import { BusinessGroupModel } from "./business-group-model.js";
import { CommodityModel } from "./commodity-model.js";
import { ContractModel } from "./contract-model.js";
import { CustomFieldRegistry } from "./custom-field-registry.js";
import { DepartmentModel } from "./department-model.js";
import { ExchangeRateModel } from "./exchange-rate-model.js";
import { ExpenseReportModel } from "./expense-report-model.js";
import { InvalidSimulatorInputError } from "./invalid-simulator-input-error.js";
import { InventoryTransactionModel } from "./inventory-transaction-model.js";
import { InvoiceModel } from "./invoice-model.js";
import { LineChildResource } from "./line-child-resource.js";
import type { ModelContext } from "./model-context.js";
import { PaymentTermModel } from "./payment-term-model.js";
import { ProcurementGraph } from "./procurement-graph.js";
import { PurchaseOrderChangeModel } from "./purchase-order-change-model.js";
import { PurchaseOrderModel } from "./purchase-order-model.js";
import { ReferenceEmbeds } from "./reference-embeds.js";
import { RequisitionModel } from "./requisition-model.js";
import type { ResourceModel } from "./resource-model.js";
import type { SimulatorData } from "./simulator-data.js";
import { SupplierItemModel } from "./supplier-item-model.js";
import { SupplierModel } from "./supplier-model.js";
import { TenantData } from "./tenant-data.js";
import { tenantSizes } from "./tenant-sizes.js";
import { UserModel } from "./user-model.js";

/** What a simulated tenant is made from. */
export interface SimulatorDataOptions {
  /** Seed of every generated value; the caller picks the default. */
  seed: number;
  /**
   * Number of invoices (1 to 10,000,000); every other resource derives
   * from it (see `TenantSizes`).
   */
  size: number;
  /** The simulated tenant's clock (epoch ms); mutations are stamped with it. */
  now: () => number;
}

/**
 * The data of a simulated Coupa tenant. Nothing is generated up front:
 * records are built when read, from (seed, resource, id) plus the stored
 * changes, so creating a tenant of a million invoices is instant.
 *
 * @example
 * const data = createSimulatorData({ seed: 7, size: 1000, now: Date.now });
 * data.get("invoices", 1)?.["invoice-lines"]; // 1 to 9 lines
 * data.update("invoices", 5); // 5 invoices move to now
 */
export function createSimulatorData(
  options: SimulatorDataOptions,
): SimulatorData {
  const { seed, size, now } = checkOptions(options);
  const ctx: ModelContext = {
    seed,
    sizes: tenantSizes(size),
    graph: new ProcurementGraph(seed, tenantSizes(size)),
    refs: new ReferenceEmbeds(),
    customFields: new CustomFieldRegistry(seed),
  };
  const models = buildModels(ctx);
  const ordered = SUPPORTED_RESOURCES.map((name) => {
    const model = models.get(name);
    if (model === undefined) throw new Error(`No model for ${name}`);
    return model;
  });
  return new TenantData(ordered, ctx.customFields, now, seed);
}

function buildModels(ctx: ModelContext): Map<string, ResourceModel> {
  const users = new UserModel(ctx);
  const suppliers = new SupplierModel(ctx, users);
  const orders = new PurchaseOrderModel(ctx, users, suppliers);
  const requisitions = new RequisitionModel(ctx, users, suppliers);
  const invoices = new InvoiceModel(ctx, users, suppliers);
  const models: ResourceModel[] = [
    users,
    suppliers,
    orders,
    requisitions,
    invoices,
    new LineChildResource("purchase_order_lines", orders, (id, slot) =>
      orders.buildLine(id, slot),
    ),
    new LineChildResource("remit_to_addresses", suppliers, (id, slot) =>
      suppliers.buildRemitTo(id, slot),
    ),
    new ApprovalModel(ctx, users, requisitions, invoices),
    new InventoryTransactionModel(ctx, users, suppliers),
    new PurchaseOrderChangeModel(ctx, users, suppliers),
    new SupplierItemModel(ctx, users, suppliers),
    new ContractModel(ctx, users, suppliers),
    new ExpenseReportModel(ctx, users),
    new AddressModel(ctx, users),
    new DepartmentModel(ctx, users),
    new BusinessGroupModel(ctx, users),
    new AccountModel(ctx, users),
    new CommodityModel(ctx, users),
    new PaymentTermModel(ctx, users),
    new ExchangeRateModel(ctx, users),
  ];
  return new Map(models.map((model) => [model.name, model]));
}

function checkOptions(options: SimulatorDataOptions): SimulatorDataOptions {
  const { seed, size, now } = options;
  if (!Number.isInteger(seed)) {
    throw new InvalidSimulatorInputError(
      `Seed ${seed} is not valid: pass a whole number, e.g. 42.`,
    );
  }
  if (!Number.isInteger(size) || size < 1 || size > 10_000_000) {
    throw new InvalidSimulatorInputError(
      `Size ${size} is not valid: pass the number of invoices as a whole ` +
        "number from 1 to 10,000,000.",
    );
  }
  if (typeof now !== "function") {
    throw new InvalidSimulatorInputError(
      "Option now is not a function: pass the tenant's clock, e.g. Date.now.",
    );
  }
  return options;
}
