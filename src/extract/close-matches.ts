/**
 * Up to `limit` (default 5) candidates closest to `name` by edit distance,
 * for "did you mean" hints in error messages. Case and `-`/`_` are
 * ignored; candidates further than a third of the name's length are left
 * out, so an empty result means "nothing similar".
 *
 * @example
 * closeMatches("supplier_nmae", ["supplier-name", "status"]); // ["supplier-name"]
 */
export function closeMatches(
  name: string,
  candidates: readonly string[],
  limit = 5,
): string[] {
  const wanted = simplify(name);
  const budget = Math.max(2, Math.ceil(wanted.length / 3));
  return candidates
    .map((candidate) => {
      const simple = simplify(candidate);
      const distance = simple.includes(wanted)
        ? 0
        : editDistance(wanted, simple);
      return { candidate, distance };
    })
    .filter((entry) => entry.distance <= budget)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

function simplify(name: string): string {
  return name.toLowerCase().replace(/-/g, "_");
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution =
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min(
          (previous[j] ?? 0) + 1,
          (current[j - 1] ?? 0) + 1,
          substitution,
        ),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
