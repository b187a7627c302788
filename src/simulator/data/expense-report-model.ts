import { BASE_TIMELINE, DAY_MS } from "./base-timeline.js";
import { formatCoupaDate, formatCoupaDateTime } from "./coupa-date-time.js";
import { centsToDecimal } from "./decimal-text.js";
import type { ModelContext } from "./model-context.js";
import { recordZone } from "./record-zone.js";
import { SeededDice } from "./seeded-dice.js";
import { liveSlots, StoredResource } from "./stored-resource.js";
import type { UserModel } from "./user-model.js";
import { WORD_LISTS } from "./word-lists.js";

const KIND = 61;
/** Expense line slots per report; 1 to 6 exist in base data. */
const EXPENSE_LINE_STRIDE = 8;
const CATEGORIES = ["Airfare", "Hotel", "Meals", "Taxi", "Mileage", "Supplies"];
const OLD_STATUSES = ["paid", "paid", "paid", "approved_for_payment"];
const RECENT_STATUSES = [
  "draft",
  "pending_approval",
  "approved_for_payment",
  "paid",
];
const SPAN = BASE_TIMELINE.documentsTo - BASE_TIMELINE.documentsFrom;

/**
 * Expense reports (`/api/expense_reports`) with `expense-lines`; the
 * report total is the sum of its lines' amounts.
 */
export class ExpenseReportModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly lineDice: SeededDice;

  /**
   * @param ctx what the tenant's models share.
   * @param users employees who expense.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
  ) {
    super("expense_reports", ctx.seed, EXPENSE_LINE_STRIDE);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("expense_reports"));
    this.lineDice = new SeededDice(ctx.seed, SeededDice.keyOf("expense-lines"));
  }

  baseMaxId(): number {
    return this.ctx.sizes.expenseReports;
  }

  baseCreatedAt(id: number): number {
    const share = (id - 1) / this.ctx.sizes.expenseReports;
    const jitter = this.dice.at(id).int(0, DAY_MS);
    const at = BASE_TIMELINE.documentsFrom + share * SPAN + jitter;
    return Math.floor(at / 1000) * 1000;
  }

  baseUpdatedAt(id: number): number {
    return this.ctx.graph.laterBaseTime(KIND, id, this.baseCreatedAt(id), 30);
  }

  override baseLineCount(id: number): number {
    return this.dice.at(id).range(1, 1, 6);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const createdAt = this.createdAt(id);
    const zone = recordZone(this.dice.at(id));
    const employee = this.users.simple(
      1 + this.dice.at(this.templateOf(id)).int(2, this.ctx.sizes.users),
    );
    const created = formatCoupaDateTime(createdAt, zone);
    const untouched = formatCoupaDateTime(
      entry === undefined ? updatedAt : this.untouchedLineUpdatedAt(id),
      zone,
    );
    const lines: Record<string, unknown>[] = [];
    let total = 0;
    for (const slot of liveSlots(this.lineMask(id))) {
      const change = this.lineChange(id, slot);
      const lineId = (id - 1) * EXPENSE_LINE_STRIDE + slot + 1;
      const dice = this.lineDice.at(lineId, change?.version ?? 0);
      const cents = dice.range(0, 500, 80_000);
      const category = dice.int(1, CATEGORIES.length);
      total += cents;
      lines.push({
        id: lineId,
        "created-at": change
          ? formatCoupaDateTime(change.createdAt, zone)
          : created,
        "updated-at": change
          ? formatCoupaDateTime(change.updatedAt, zone)
          : untouched,
        "expense-report-id": id,
        "line-number": slot + 1,
        description: `${CATEGORIES[category]} - ${dice.pick(2, WORD_LISTS.merchants)}`,
        merchant: dice.pick(2, WORD_LISTS.merchants),
        amount: centsToDecimal(cents),
        "accounting-total": centsToDecimal(cents),
        "expense-date": formatCoupaDateTime(
          createdAt - dice.int(3, 20) * DAY_MS,
          zone,
        ),
        reason: "Customer visit",
        "employee-reimbursable": true,
        "requires-receipt": cents > 2500,
        type: "ExpenseLine",
        currency: this.ctx.refs.currency(1),
        account: this.ctx.refs.account(13 + (category % 4)),
        "expense-category": { id: category + 1, name: CATEGORIES[category] },
        "expensed-by": employee,
      });
    }
    const dice = this.dice.at(id, version);
    const old = this.ctx.graph.ageOf(createdAt) > 0.05;
    const status =
      entry?.inserted && version === 0
        ? "draft"
        : dice.pick(4, old && version === 0 ? OLD_STATUSES : RECENT_STATUSES);
    const customFields: Record<string, unknown> = {
      "cf-trip-purpose": dice.pick(5, [
        "Sales",
        "Training",
        "Conference",
        "Internal",
      ]),
    };
    this.ctx.customFields.fill(
      customFields,
      this.name,
      id,
      entry?.seq ?? 0,
      updatedAt,
      zone,
    );
    return {
      id,
      "created-at": created,
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      title: `Expenses ${formatCoupaDate(createdAt, zone)}`,
      status,
      total: centsToDecimal(total),
      "reimbursable-total-amount": centsToDecimal(total),
      "start-date": formatCoupaDate(createdAt - 20 * DAY_MS, zone),
      "end-date": formatCoupaDate(createdAt, zone),
      "submitted-at":
        status === "draft"
          ? null
          : formatCoupaDateTime(createdAt + 3_600_000, zone),
      paid: status === "paid",
      "past-due": false,
      exported: status === "paid",
      "audit-score": dice.int(6, 100),
      "is-trip": dice.chance(7, 0.4),
      "reimbursable-total-currency": this.ctx.refs.currency(1),
      "expensed-by": employee,
      "submitted-by": employee,
      "created-by": employee,
      "updated-by": version > 0 ? this.users.simple(1) : employee,
      "expense-lines": lines,
      "custom-fields": customFields,
    };
  }
}
