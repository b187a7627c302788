import { createContext, useContext } from "react";
import type { ApiClient } from "./api-client.js";

/** The signed-in API client, provided by the app shell. */
export const ApiContext = createContext<ApiClient | undefined>(undefined);

/** The signed-in API client; only for pages inside the app shell. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi() needs an <ApiContext> provider.");
  return api;
}
