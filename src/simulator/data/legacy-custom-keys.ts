/**
 * Custom fields created before Coupa's API namespace existed show up as
 * top-level keys next to the standard ones. These resources carry two
 * each; they are the only keys a record has beyond its catalog
 * definition and `custom-fields`.
 */
export const LEGACY_CUSTOM_KEYS: Readonly<Record<string, readonly string[]>> = {
  invoices: ["custom-field-1", "custom-field-2"],
  purchase_orders: ["custom-field-1", "custom-field-3"],
  users: ["custom-field-7", "custom-field-8"],
  suppliers: ["custom-field-1", "custom-field-2"],
};
