/**
 * Quoting for the few SQL texts the store builds: identifiers come from
 * Coupa keys and settings, so they are always quoted.
 *
 * @example
 * sqlQuoting.identifier('invoices__invoice_lines'); // "\"invoices__invoice_lines\""
 */
export const sqlQuoting = {
  /** An identifier quoted for DuckDB SQL. */
  identifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  },
  /** A text literal for DuckDB SQL. */
  literal(text: string): string {
    return `'${text.replace(/'/g, "''")}'`;
  },
};
