import { z } from "zod";
import { API_VERSIONS, LATEST_API_VERSION } from "../catalog/catalog.js";
import { apiKeyRefusal, apiKeysSupported } from "./api-key-policy.js";
import { HostFormatError } from "./host-format-error.js";
import { normalizeHost } from "./normalize-host.js";

const SCOPE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

const oauthAuth = z.strictObject({
  type: z.literal("oauth"),
  clientId: z.string().trim().min(1, "expected the OAuth client Identifier"),
  clientSecret: z.string().min(1, "expected the OAuth client Secret"),
  scopes: z
    .array(z.string().regex(SCOPE, "expected a scope like core.invoice.read"))
    .min(1, "expected at least one scope, or leave scopes out")
    .optional(),
});

const apiKeyAuth = z.strictObject({
  type: z.literal("apiKey"),
  key: z.string().min(1, "expected the API key"),
});

const auth = z.discriminatedUnion("type", [oauthAuth, apiKeyAuth], {
  error: 'expected auth.type "oauth" (or the deprecated "apiKey")',
});

const host = z.string().superRefine((value, context) => {
  // Plain http is judged later, with allowInsecureHttp in view.
  const problem = hostProblem(value, { allowInsecureHttp: true });
  if (problem) context.addIssue({ code: "custom", message: problem });
});

const apiVersion = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .refine((value) => API_VERSIONS.includes(value), {
    error: `expected a Coupa release the product knows: ${API_VERSIONS.join(", ")}`,
  })
  .default(LATEST_API_VERSION);

const connectionFields = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "expected a name for the connection")
    .max(100, "expected at most 100 characters"),
  mode: z.enum(["direct", "uplinked"]).default("direct"),
  agent: z.string().trim().min(1).optional(),
  host,
  auth,
  apiVersion,
  cluster: z
    .string()
    .regex(/^[a-z0-9-]+$/, "expected a cluster name like eu-1")
    .optional(),
  sourceAddress: z
    .union([z.ipv4(), z.ipv6()], {
      error: "expected an IPv4 or IPv6 address of this machine",
    })
    .optional(),
  requestsPerSecond: z
    .number()
    .positive("expected a number greater than 0")
    .max(1000, "expected at most 1000")
    .default(25),
  burst: z
    .number()
    .int("expected a whole number")
    .min(1, "expected at least 1")
    .max(1000, "expected at most 1000")
    .default(20),
  maxParallelRequests: z
    .number()
    .int("expected a whole number")
    .min(1, "expected at least 1")
    .max(256, "expected at most 256")
    .default(32),
  requestTimeoutMs: z
    .number()
    .int("expected a whole number of milliseconds")
    .min(1000, "expected at least 1000 ms")
    .max(600_000, "expected at most 600000 ms")
    .default(60_000),
  allowInsecureHttp: z.boolean().default(false),
});

/**
 * Zod schema of one Coupa data connection. Parsing normalizes `host` to an
 * origin, fills defaults and freezes the result; `parseConnectionConfig`
 * wraps it to report every bad field at once.
 *
 * Defaults: `mode` "direct"; `apiVersion` the newest known release;
 * `requestsPerSecond` 25 and `burst` 20 (Coupa's published limits);
 * `maxParallelRequests` 32 (the rate limiter sets the pace; 32 in flight
 * keep 25/s going even when full pages take 1.2 s); `requestTimeoutMs`
 * 60000;
 * `allowInsecureHttp` false.
 */
export const connectionConfigSchema = connectionFields
  .superRefine((config, context) => {
    for (const issue of crossFieldIssues(config)) {
      context.addIssue({ code: "custom", ...issue });
    }
  })
  .transform((config) =>
    deepFreeze({
      ...config,
      host: normalizeHost(config.host, config),
    }),
  );

/** A validated, frozen connection config. */
export type ConnectionConfig = z.output<typeof connectionConfigSchema>;

type Fields = z.output<typeof connectionFields>;
interface CrossFieldIssue {
  path: string[];
  message: string;
  input: unknown;
}

function crossFieldIssues(config: Fields): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const http = hostProblem(config.host, config);
  if (http) issues.push(custom(["host"], http, config.host));
  if (config.auth.type === "apiKey" && !apiKeysSupported(config.apiVersion)) {
    issues.push(custom(["auth", "type"], apiKeyRefusal(config.apiVersion)));
  }
  if (config.mode === "uplinked" && !config.agent) {
    issues.push(
      custom(["agent"], "expected the id of the Uplinked agent to use"),
    );
  }
  return issues;
}

function custom(
  path: string[],
  message: string,
  input?: unknown,
): CrossFieldIssue {
  return { path, message, input };
}

function hostProblem(
  value: string,
  options: { allowInsecureHttp?: boolean },
): string | undefined {
  try {
    normalizeHost(value, options);
    return undefined;
  } catch (error) {
    if (!(error instanceof HostFormatError)) throw error;
    return error.message.replace(
      /^Host "(?:[^"\\]|\\.)*" is not accepted: /,
      "",
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
