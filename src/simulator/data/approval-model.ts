import { clampBaseTime } from "./base-timeline.js";
import { formatCoupaDateTime } from "./coupa-date-time.js";
import type { InvoiceModel } from "./invoice-model.js";
import type { ModelContext } from "./model-context.js";
import { recordZone } from "./record-zone.js";
import {
  APPROVED_REQUISITION_STATUSES,
  type RequisitionModel,
} from "./requisition-model.js";
import { SeededDice } from "./seeded-dice.js";
import { StoredResource } from "./stored-resource.js";
import type { UserModel } from "./user-model.js";

const HOUR_MS = 3_600_000;
const KIND_REQUISITION = 0;
const APPROVED_INVOICE_STATUSES: ReadonlySet<string> = new Set([
  "pending_approval",
  "approved",
  "disputed",
  "on_hold",
]);
const PENDING_STATUSES: ReadonlySet<string> = new Set([
  "pending_approval",
  "on_hold",
]);

/** Where an approval sits: document kind, document id, position. */
interface ApprovalSlot {
  kind: number;
  documentId: number;
  position: number;
}

/**
 * Approvals (`/api/approvals`) of requisitions and invoices: one or two
 * per submitted document, approvers up the requester's management chain.
 * Ids interleave documents: id = ((document − 1) × 2 + kind) × 2 +
 * position, kind 0 for requisitions and 1 for invoices, so an approval
 * maps to its document with arithmetic.
 */
export class ApprovalModel extends StoredResource {
  private readonly dice: SeededDice;
  private readonly slot: ApprovalSlot = { kind: 0, documentId: 0, position: 0 };

  /**
   * @param ctx what the tenant's models share.
   * @param users approvers and audit users.
   * @param requisitions approved requisitions.
   * @param invoices approved invoices.
   */
  constructor(
    private readonly ctx: ModelContext,
    private readonly users: UserModel,
    private readonly requisitions: RequisitionModel,
    private readonly invoices: InvoiceModel,
  ) {
    super("approvals", ctx.seed);
    this.dice = new SeededDice(ctx.seed, SeededDice.keyOf("approvals"));
  }

  baseMaxId(): number {
    const { requisitions, invoices } = this.ctx.sizes;
    return Math.max(requisitions, invoices) * 4;
  }

  override baseExists(id: number): boolean {
    const slot = this.decode(id);
    return slot.position < this.approvalCount(slot.kind, slot.documentId);
  }

  baseCreatedAt(id: number): number {
    const slot = this.decode(this.templateOf(id));
    return this.documentCreatedAt(slot) + HOUR_MS;
  }

  baseUpdatedAt(id: number): number {
    const slot = this.decode(id);
    if (this.baseStatus(slot) === "pending") return this.baseCreatedAt(id);
    return this.approvalDate(id);
  }

  build(id: number): Record<string, unknown> {
    const entry = this.store.get(id);
    const version = entry?.version ?? 0;
    const updatedAt = this.updatedAt(id);
    const slot = this.decode(this.templateOf(id));
    const zone = recordZone(this.dice.at(id));
    const status = this.statusOf(id, slot, version, entry?.inserted === true);
    const approver = this.users.simple(this.approverOf(slot));
    const decided = status !== "pending";
    const customFields: Record<string, unknown> = {};
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
      "created-at": formatCoupaDateTime(this.createdAt(id), zone),
      "updated-at": formatCoupaDateTime(updatedAt, zone),
      "approvable-type":
        slot.kind === KIND_REQUISITION ? "RequisitionHeader" : "InvoiceHeader",
      "approvable-id": slot.documentId,
      status,
      type:
        slot.position === 0 ? "ManagementHierarchyApproval" : "UserApproval",
      position: slot.position + 1,
      "approval-chain-id": slot.documentId * 2 + slot.kind,
      "approval-date": decided
        ? formatCoupaDateTime(
            version > 0 ? updatedAt : this.approvalDate(id),
            zone,
          )
        : null,
      "approver-type": "User",
      "approver-id": approver.id,
      approver,
      "approved-by": status === "approved" ? approver : null,
      note: status === "rejected" ? "Please split by cost centre" : null,
      holdable: false,
      "created-by": this.users.simple(1),
      "updated-by": decided ? approver : this.users.simple(1),
      "custom-fields": customFields,
    };
  }

  private decode(id: number): ApprovalSlot {
    const slot = this.slot;
    const index = id - 1;
    slot.position = index % 2;
    const pair = Math.floor(index / 2);
    slot.kind = pair % 2;
    slot.documentId = Math.floor(pair / 2) + 1;
    return slot;
  }

  private approvalCount(kind: number, documentId: number): number {
    const { requisitions, invoices } = this.ctx.sizes;
    const statuses =
      kind === KIND_REQUISITION
        ? APPROVED_REQUISITION_STATUSES
        : APPROVED_INVOICE_STATUSES;
    if (documentId > (kind === KIND_REQUISITION ? requisitions : invoices))
      return 0;
    if (!statuses.has(this.documentStatus(kind, documentId))) return 0;
    return 1 + this.dice.at(documentId, kind).int(0, 2);
  }

  private documentStatus(kind: number, documentId: number): string {
    return kind === KIND_REQUISITION
      ? this.requisitions.baseStatus(documentId)
      : this.invoices.loadBaseHead(documentId).status;
  }

  private documentCreatedAt(slot: ApprovalSlot): number {
    return slot.kind === KIND_REQUISITION
      ? this.requisitions.baseCreatedAt(slot.documentId)
      : this.invoices.baseCreatedAt(slot.documentId);
  }

  private baseStatus(slot: ApprovalSlot): string {
    const status = this.documentStatus(slot.kind, slot.documentId);
    if (!PENDING_STATUSES.has(status)) return "approved";
    const last = this.approvalCount(slot.kind, slot.documentId) - 1;
    return slot.position === last ? "pending" : "approved";
  }

  private statusOf(
    id: number,
    slot: ApprovalSlot,
    version: number,
    inserted: boolean,
  ): string {
    if (version > 0)
      return this.dice
        .at(id, version)
        .pick(1, ["approved", "approved", "rejected"]);
    return inserted ? "pending" : this.baseStatus(slot);
  }

  private approvalDate(id: number): number {
    const created = this.baseCreatedAt(id);
    const position = (id - 1) % 2;
    const hours = this.dice.at(id).range(2, 1, 48) * (position + 1);
    return clampBaseTime(created + hours * HOUR_MS);
  }

  private approverOf(slot: ApprovalSlot): number {
    const requester =
      slot.kind === KIND_REQUISITION
        ? this.requisitions.requesterOf(slot.documentId)
        : this.invoices.loadBaseHead(slot.documentId).requesterId;
    let approver = this.users.managerOf(requester) || 1;
    if (slot.position === 1) approver = this.users.managerOf(approver) || 1;
    return approver;
  }
}
