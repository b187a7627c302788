import { useApi } from "../api/api-context.js";
import { hrefOf } from "./hash-route.js";
import { useAsync } from "./use-async.js";

/**
 * Breadcrumbs back to the pool list and to the pool, named after the
 * pool once its name has loaded.
 */
export function usePoolCrumbs(
  poolId: string,
): { href: string; label: string }[] {
  const api = useApi();
  const pool = useAsync(() => api.getPool(poolId), [api, poolId]);
  return [
    { href: hrefOf("/"), label: "Data pools" },
    { href: hrefOf(`/pools/${poolId}`), label: pool.data?.name ?? "Data pool" },
  ];
}
