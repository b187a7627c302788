import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { ApiError } from "../api-error.js";
import { EngineValidationError } from "../extraction-engine.js";
import { validationError } from "./validate-input.js";

/**
 * Turns any error thrown by a route into the API's JSON error shape
 * `{ error: { code, message, field?, fields? } }`. Unexpected errors are
 * logged with the request id and answered with a message that carries no
 * internals (they could quote a secret).
 */
export function createErrorHandler(logger: Logger) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error);
    if (apiError) {
      return reply.code(apiError.status).send(apiError.toBody());
    }
    logger.error(
      { err: error, reqId: request.id, url: safeUrl(request.url) },
      "Request failed unexpectedly",
    );
    const body = new ApiError(
      500,
      "INTERNAL",
      `The server failed to answer (request ${request.id}). See the ` +
        "server log for this request id.",
    ).toBody();
    return reply.code(500).send(body);
  };
}

/** The URL with its query string dropped (it may carry `?token=`). */
export function safeUrl(url: string): string {
  const index = url.indexOf("?");
  return index < 0 ? url : url.slice(0, index);
}

function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof EngineValidationError) {
    return validationError("body", error.fields);
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new ApiError(
      status,
      fastifyErrorCode(fastifyError),
      String(fastifyError.message),
    );
  }
  return undefined;
}

function fastifyErrorCode(error: Partial<FastifyError>): string {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "INVALID_JSON";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "UNSUPPORTED_MEDIA_TYPE";
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return "BODY_TOO_LARGE";
    default:
      return "BAD_REQUEST";
  }
}
