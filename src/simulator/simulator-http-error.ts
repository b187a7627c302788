import { JSON_TYPE, XML_TYPE } from "./content-types.js";
import { escapeXml } from "./render/escape-xml.js";
import type { SimResponse } from "./sim-exchange.js";

/**
 * An answer the simulator gives instead of data: its status, a stable
 * `code`, whether a client may retry, and the exact body to send. The
 * HTTP layer throws it from any step and renders it in one place.
 */
export class SimulatorHttpError extends Error {
  override readonly name = "SimulatorHttpError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: string,
    readonly contentType: string,
    readonly retryable = false,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The answer this error stands for. */
  toResponse(): SimResponse {
    const headers = { ...this.headers, "content-type": this.contentType };
    return { status: this.status, headers, body: this.body, records: 0 };
  }

  /**
   * Coupa's error shape: `{"errors":{"<key>":["message"]}}` in JSON or
   * `<errors><error>message</error></errors>` in XML.
   */
  static coupa(
    status: number,
    code: string,
    key: string,
    message: string,
    json: boolean,
  ): SimulatorHttpError {
    const body = json
      ? JSON.stringify({ errors: { [key]: [message] } })
      : xmlErrors(message);
    const type = json ? JSON_TYPE : XML_TYPE;
    return new SimulatorHttpError(status, code, message, body, type);
  }

  /** OAuth's error shape: `{"error":"...","error_description":"..."}`. */
  static oauth(
    status: number,
    error: string,
    description: string,
    extra: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): SimulatorHttpError {
    const body = JSON.stringify({
      error,
      error_description: description,
      ...extra,
    });
    return new SimulatorHttpError(
      status,
      error,
      description,
      body,
      JSON_TYPE,
      false,
      headers,
    );
  }
}

/** Coupa's XML error document for one message. */
export function xmlErrors(message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<errors><error>${escapeXml(message)}</error></errors>`
  );
}
