import type { FastifyInstance } from "fastify";
import { ApiError } from "../api-error.js";

/**
 * Parses JSON bodies, treating an empty body as none: browsers and
 * scripts often send `content-type: application/json` on a POST without
 * a body (`POST /api/jobs/:jobId/runs`), which is not worth a 400.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string" },
    (_request, body, done) => {
      const text = String(body);
      if (text.trim() === "") {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        done(
          new ApiError(
            400,
            "INVALID_JSON",
            `The request body is not valid JSON (${reason}). Send a JSON object.`,
          ),
          undefined,
        );
      }
    },
  );
}
