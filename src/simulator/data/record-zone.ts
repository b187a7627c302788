import { COUPA_ZONES, type CoupaZone } from "./coupa-date-time.js";
import type { SeededDice } from "./seeded-dice.js";

const ZONE_SALT = 0x7a0e;

/**
 * The time zone a record is shown in, fixed per record so its datetimes
 * keep their offsets across versions while offsets differ between
 * records. The dice must already point at the record.
 */
export function recordZone(dice: SeededDice): CoupaZone {
  return COUPA_ZONES[dice.int(ZONE_SALT, COUPA_ZONES.length)] as CoupaZone;
}
