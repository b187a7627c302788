/**
 * pino `redact` paths that may carry a secret, wherever the server or an
 * extraction logs a config, a request or an error.
 */
export const REDACT_PATHS: readonly string[] = [
  "clientSecret",
  "*.clientSecret",
  "*.*.clientSecret",
  "key",
  "*.key",
  "*.*.key",
  "token",
  "*.token",
  "access_token",
  "*.access_token",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "*.headers.x-coupa-api-key",
  '*.headers["x-coupa-api-key"]',
  "password",
  "*.password",
];
