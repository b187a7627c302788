import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
} from "fastify";
import { z } from "zod";
import { validateInput } from "./validate-input.js";

/** What a handler receives: the validated request parts. */
export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** One REST route: its shape (for validation and OpenAPI) and handler. */
export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Fastify path, e.g. `/api/pools/:poolId`. */
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Schema of the success answer, for the OpenAPI document. */
  readonly response?: z.ZodType;
  /** Status of a success. Default 200. */
  readonly status?: number;
  /** Whether the route needs an API token. Default true. */
  readonly auth?: boolean;
  /** Content type of the success answer. Default `application/json`. */
  readonly produces?: string;
  handler(
    input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>,
  ): unknown | Promise<unknown>;
}

/**
 * Registers REST routes on Fastify from zod-described specs, validating
 * params, query and body with the same schemas that describe the routes
 * in the OpenAPI document, so the document cannot drift from the code.
 */
export class ApiRoutes {
  readonly #specs: RouteSpec[] = [];

  constructor(private readonly app: FastifyInstance) {}

  /** Registers a route. */
  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
    spec: RouteSpec<P, Q, B>,
  ): void {
    this.#specs.push(spec as unknown as RouteSpec);
    this.app.route({
      method: spec.method as HTTPMethods,
      url: spec.url,
      config: { auth: spec.auth ?? true },
      handler: async (request, reply) => {
        const input = {
          params: parsePart(spec.params, request.params, "path"),
          query: parsePart(spec.query, request.query, "query"),
          body: parsePart(spec.body, request.body ?? {}, "body"),
          request,
          reply,
        };
        const result = await spec.handler(input as never);
        if (reply.sent) return reply;
        reply.code(spec.status ?? 200);
        return result;
      },
    });
  }

  /** The OpenAPI 3.1 document of every registered route. */
  openApiDocument(info: { title: string; version: string }): unknown {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.#specs) {
      const path = spec.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
      paths[path] ??= {};
      const operations = paths[path] as Record<string, unknown>;
      operations[spec.method.toLowerCase()] = operationOf(spec);
    }
    return {
      openapi: "3.1.0",
      info,
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
        },
        schemas: { Error: jsonSchema(errorSchema, "output") },
      },
      security: [{ bearer: [] }],
      paths,
    };
  }
}

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    fields: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional(),
  }),
});

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  part: "body" | "query" | "path",
): unknown {
  return schema ? validateInput(schema, value, part) : value;
}

function operationOf(spec: RouteSpec): Record<string, unknown> {
  const operation: Record<string, unknown> = {
    summary: spec.summary,
    tags: [spec.tag],
    parameters: [
      ...parametersOf(spec.params, "path"),
      ...parametersOf(spec.query, "query"),
    ],
    responses: responsesOf(spec),
  };
  if (spec.auth === false) operation.security = [];
  if (spec.body) {
    operation.requestBody = {
      required: true,
      content: {
        "application/json": { schema: jsonSchema(spec.body, "input") },
      },
    };
  }
  return operation;
}

function responsesOf(spec: RouteSpec): Record<string, unknown> {
  const produces = spec.produces ?? "application/json";
  const success = spec.response
    ? {
        content: {
          [produces]: { schema: jsonSchema(spec.response, "output") },
        },
      }
    : {};
  const error = {
    description: "Error",
    content: {
      "application/json": { schema: { $ref: "#/components/schemas/Error" } },
    },
  };
  return {
    [String(spec.status ?? 200)]: { description: "Success", ...success },
    default: error,
  };
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = jsonSchema(schema, "input") as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): unknown {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return rest;
}
