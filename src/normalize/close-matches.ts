/**
 * Names from `known` that look like `name`, closest first: those that
 * contain it or are contained in it, then those within a small edit
 * distance. Used to suggest a fix in error messages.
 *
 * @example
 * closeMatches("invoice_numbr", ["invoice_number", "status"]);
 * // ["invoice_number"]
 */
export function closeMatches(
  name: string,
  known: readonly string[],
  limit = 5,
): string[] {
  const wanted = name.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const candidate of new Set(known)) {
    const score = distance(wanted, candidate.toLowerCase());
    const related =
      candidate.includes(wanted) || wanted.includes(candidate.toLowerCase());
    if (related || score <= Math.max(2, Math.floor(wanted.length / 4))) {
      scored.push({ name: candidate, score: related ? score / 2 : score });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
