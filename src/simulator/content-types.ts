/** Content type of JSON answers. */
export const JSON_TYPE = "application/json; charset=utf-8";

/** Content type of XML answers. */
export const XML_TYPE = "application/xml; charset=utf-8";

/** Content type of HTML answers (the IP allowlist's denial page). */
export const HTML_TYPE = "text/html; charset=utf-8";
