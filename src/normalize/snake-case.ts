/**
 * The pool's spelling of a Coupa key: lower snake_case, with the trailing
 * `?` of Ruby-style predicates dropped. Underscored keys (some Coupa
 * payloads use them) map to the same name as their dashed twins.
 *
 * @example
 * snakeCase("invoice-number"); // "invoice_number"
 * snakeCase("show-tax-information?"); // "show_tax_information"
 */
export function snakeCase(key: string): string {
  const name = key
    .replace(/\?+$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  if (name === "") return "field";
  // A column may not start with a digit in unquoted SQL; analysts type it.
  return /^[0-9]/.test(name) ? `f_${name}` : name;
}
