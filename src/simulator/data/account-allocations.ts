import { centsToDecimal } from "./decimal-text.js";
import type { ReferenceEmbeds } from "./reference-embeds.js";
import type { SeededDice } from "./seeded-dice.js";

const SPLIT_SALT = 0xa110;

/**
 * The `account-allocations` of one line: usually the whole amount on the
 * line's account, sometimes split across two accounts. Amounts are cents,
 * so the allocations always add up to the line total exactly.
 *
 * @param lineId id of the line; allocation ids are 2 × lineId − 1 and
 *   2 × lineId.
 * @param dice pointed at the line (and its version).
 * @param accounts how many GL accounts the tenant has.
 * @param stamps `created-at` and `updated-at` text of the line.
 */
export function accountAllocations(
  lineId: number,
  totalCents: number,
  accountId: number,
  dice: SeededDice,
  refs: ReferenceEmbeds,
  accounts: number,
  created: string,
  updated: string,
): Record<string, unknown>[] {
  if (!dice.chance(SPLIT_SALT, 0.2)) {
    return [
      allocation(
        lineId * 2 - 1,
        totalCents,
        "100.00",
        accountId,
        refs,
        created,
        updated,
      ),
    ];
  }
  const pct = dice.range(SPLIT_SALT + 1, 50, 80);
  const first = Math.floor((totalCents * pct) / 100);
  const other = 1 + ((accountId + 4) % accounts);
  return [
    allocation(
      lineId * 2 - 1,
      first,
      `${pct}.00`,
      accountId,
      refs,
      created,
      updated,
    ),
    allocation(
      lineId * 2,
      totalCents - first,
      `${100 - pct}.00`,
      other,
      refs,
      created,
      updated,
    ),
  ];
}

function allocation(
  id: number,
  cents: number,
  pct: string,
  accountId: number,
  refs: ReferenceEmbeds,
  created: string,
  updated: string,
): Record<string, unknown> {
  return {
    id,
    amount: centsToDecimal(cents),
    pct,
    account: refs.account(accountId),
    "created-at": created,
    "updated-at": updated,
  };
}
