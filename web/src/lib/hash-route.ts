import { useEffect, useState } from "react";

/**
 * The page's route: the part of the URL after `#`, always starting with
 * `/`. A hash route needs no server support beyond serving index.html.
 */
export function useHashRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

/** Goes to a route, e.g. `navigate("/pools/p1")`. */
export function navigate(route: string): void {
  window.location.hash = `#${route}`;
}

/** The `href` of a link to a route. */
export function hrefOf(route: string): string {
  return `#${route}`;
}

/**
 * Parameters of `route` if it matches `pattern`, else undefined.
 *
 * @example
 * matchRoute("/pools/:poolId", "/pools/p1"); // { poolId: "p1" }
 */
export function matchRoute(
  pattern: string,
  route: string,
): Record<string, string> | undefined {
  const want = pattern.split("/");
  const have = route.split("/");
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = decode(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

function currentRoute(): string {
  const hash = window.location.hash.replace(/^#/, "");
  return hash.startsWith("/") ? hash.replace(/\/+$/, "") || "/" : "/";
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
