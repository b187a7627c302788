/** Who is calling the API, after authentication. */
export type Principal =
  | {
      readonly kind: "oauth";
      readonly clientId: string;
      readonly scopes: readonly string[];
    }
  | {
      readonly kind: "apiKey";
      readonly login: string;
      /** Resources or scopes the key may call; null = everything. */
      readonly permissions: readonly string[] | null;
    };
