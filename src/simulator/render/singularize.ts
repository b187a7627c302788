/**
 * Element name of one item of an XML array: `invoice-lines` →
 * `invoice-line`, `approvals` → `approval`, `addresses` → `address`,
 * `categories` → `category`. Rails does the same for its XML arrays.
 */
export function singularize(name: string): string {
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (/(ss|us|is)$/.test(name)) return name;
  if (name.endsWith("s")) return name.slice(0, -1);
  return name;
}
