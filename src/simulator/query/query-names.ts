/**
 * Coupa's query parameters use underscores (`updated_at`), payloads use
 * dashes (`updated-at`); Coupa accepts both spellings in queries.
 */
export function toDashed(name: string): string {
  return name.replaceAll("_", "-");
}
