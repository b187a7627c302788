import type { Catalog } from "../catalog/catalog-types.js";
import { planTableLayout } from "../normalize/table-layout.js";
import type {
  FieldSelection,
  TableSettings,
} from "../normalize/table-settings.js";
import { UnknownColumnError } from "../normalize/unknown-column-error.js";

/** More unknown columns than this in one table are not worth listing. */
const MAX_REPORTED = 20;

/**
 * Checks a table's selected and pseudonymized columns against the layout
 * the catalog gives, before any request. `planTableLayout` stops at the
 * first unknown column; this retries without it to report them all.
 * Returns one message per problem, empty when all is well.
 */
export function validateTableLayout(
  settings: TableSettings,
  catalog: Catalog,
): string[] {
  const issues: string[] = [];
  let current = settings;
  for (let i = 0; i < MAX_REPORTED; i++) {
    try {
      planTableLayout(current, catalog);
      return issues;
    } catch (error) {
      if (!(error instanceof UnknownColumnError)) {
        return [...issues, (error as Error).message];
      }
      issues.push(error.message);
      const next = withoutColumn(current, error.setting, error.column);
      if (next === undefined) return issues;
      current = next;
    }
  }
  return issues;
}

function withoutColumn(
  settings: TableSettings,
  setting: "columns" | "pseudonymize",
  column: string,
): TableSettings | undefined {
  if (setting === "pseudonymize") {
    const pseudonymize = settings.pseudonymize.filter((c) => c !== column);
    if (pseudonymize.length === settings.pseudonymize.length) return undefined;
    return { ...settings, pseudonymize };
  }
  if (!settings.columns) return undefined;
  const columns = dropSelection(settings.columns, column);
  if (JSON.stringify(columns) === JSON.stringify(settings.columns)) {
    return undefined;
  }
  return { ...settings, columns };
}

function dropSelection(
  selection: readonly FieldSelection[],
  column: string,
): FieldSelection[] {
  return selection.flatMap((entry): FieldSelection[] => {
    if (typeof entry === "string") return entry === column ? [] : [entry];
    const kept: Record<string, readonly FieldSelection[]> = {};
    for (const [key, nested] of Object.entries(entry)) {
      if (key !== column) kept[key] = dropSelection(nested, column);
    }
    return Object.keys(kept).length > 0 ? [kept] : [];
  });
}
