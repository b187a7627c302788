import { describe, expect, it } from "vitest";
import { ACCEPTED_HOST_FORMS } from "../../src/connection/host-format-error.js";
import { normalizeHost } from "../../src/connection/normalize-host.js";

const accepted: Array<[string, string]> = [
  ["acme", "https://acme.coupahost.com"],
  ["acme.coupahost.com", "https://acme.coupahost.com"],
  ["https://acme.coupahost.com/", "https://acme.coupahost.com"],
  ["https://acme.coupahost.com/api", "https://acme.coupahost.com"],
  ["HTTPS://ACME.CoupaHost.com/api/", "https://acme.coupahost.com"],
  ["  acme  ", "https://acme.coupahost.com"],
  ["acme.coupacloud.com", "https://acme.coupacloud.com"],
  ["acme-test.coupahost.com", "https://acme-test.coupahost.com"],
  ["acme.example.com", "https://acme.example.com"],
  ["https://acme.coupahost.com:8443", "https://acme.coupahost.com:8443"],
  ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
  ["http://127.0.0.2:4010/api", "http://127.0.0.2:4010"],
  ["http://localhost:3000", "http://localhost:3000"],
  ["http://[::1]:3000", "http://[::1]:3000"],
];

const refused: Array<[string, string]> = [
  ["", "it is empty"],
  ["   ", "it is empty"],
  [
    "ftp://acme.coupahost.com",
    "the scheme ftp:// is not supported, only https://",
  ],
  [
    "http://acme.coupahost.com",
    "http:// is only accepted for loopback addresses (127.0.0.0/8, ::1, localhost); use https:// or set allowInsecureHttp",
  ],
  [
    "https://acme.coupahost.com/api/invoices",
    "the path /api/invoices is not allowed (only /api)",
  ],
  ["https://acme.coupahost.com?debug=1", "query strings are not allowed"],
  ["https://acme.coupahost.com/#top", "query strings are not allowed"],
  ["acme coupahost.com", "it contains characters not allowed"],
  ["acmé.coupahost.com", "it contains characters not allowed"],
  ["acme..coupahost.com", "it is not a valid host name"],
  ["-acme.coupahost.com", "it is not a valid host name"],
  ["https://", "it is not a valid host or URL"],
  ["http://[2001:db8::1]", "IPv6 addresses other than [::1] are not supported"],
];

describe("normalizeHost", () => {
  it.each(accepted)("turns %j into %s", (input, origin) => {
    expect(normalizeHost(input)).toBe(origin);
  });

  it.each(refused)("refuses %j because %s", (input, reason) => {
    expect(() => normalizeHost(input)).toThrow(
      `Host ${JSON.stringify(input)} is not accepted: ${reason}. ${ACCEPTED_HOST_FORMS}`,
    );
  });

  it("accepts plain http for other hosts only with allowInsecureHttp", () => {
    expect(
      normalizeHost("http://coupa.test.internal", { allowInsecureHttp: true }),
    ).toBe("http://coupa.test.internal");
  });

  it("never echoes credentials given in the URL", () => {
    let message = "";
    try {
      normalizeHost("https://etl:Sup3rS3cret@acme.coupahost.com");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Host "https://••••@acme.coupahost.com" is not accepted: credentials ' +
        `in the URL are not allowed (put them under auth). ${ACCEPTED_HOST_FORMS}`,
    );
    expect(message).not.toContain("Sup3rS3cret");
  });

  it("ends every refusal with the accepted forms", () => {
    expect(ACCEPTED_HOST_FORMS).toBe(
      "Use a tenant name (acme), a host name (acme.coupahost.com) or an " +
        "https:// origin (https://acme.coupahost.com), optionally followed " +
        "by /api; http:// is accepted only for loopback addresses or with " +
        "allowInsecureHttp.",
    );
  });
});
