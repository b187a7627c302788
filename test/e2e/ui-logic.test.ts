/**
 * The web UI's pure logic, without a browser: what the forms send, how
 * server errors map to fields, how routes match.
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "../../web/src/api/api-error.js";
import type { Meta } from "../../web/src/api/api-types.js";
import {
  bodyFromDraft,
  draftFromConnection,
  emptyDraft,
  withPlannedTables,
} from "../../web/src/lib/connection-draft.js";
import { errorAt } from "../../web/src/lib/field-errors-of.js";
import { matchRoute } from "../../web/src/lib/hash-route.js";
import { hostPreview } from "../../web/src/lib/host-preview.js";
import {
  bodyFromJobDraft,
  draftFromJob,
  EMPTY_TABLE,
  emptyJobDraft,
} from "../../web/src/lib/job-draft.js";
import { minimalScopes } from "../../web/src/lib/minimal-scopes.js";

const meta: Meta = {
  apiVersions: ["R38", "R39"],
  latestApiVersion: "R39",
  resources: [
    { name: "invoices", scope: "core.invoice.read" },
    { name: "suppliers", scope: "core.supplier.read" },
    { name: "supplier_items", scope: "core.supplier.read" },
  ],
  clusters: [{ name: "eu-1", egress: ["203.0.113.10"] }],
  version: "0.1.0",
};

describe("connection form", () => {
  it("asks for each read scope of the chosen tables once, sorted", () => {
    expect(
      minimalScopes(meta.resources, ["supplier_items", "suppliers"]),
    ).toEqual(["core.supplier.read"]);
    expect(minimalScopes(meta.resources, [])).toEqual([]);
  });

  it("starts with the latest API version, the first cluster and every table's scope", () => {
    const draft = emptyDraft(meta);
    expect(draft.apiVersion).toBe("R39");
    expect(draft.cluster).toBe("eu-1");
    expect(draft.scopes).toBe("core.invoice.read core.supplier.read");
  });

  it("lets the scopes follow the tables until the user edits them", () => {
    const draft = withPlannedTables(emptyDraft(meta), meta, ["invoices"]);
    expect(draft.scopes).toBe("core.invoice.read");
    const edited = { ...draft, scopes: "custom.read", scopesEdited: true };
    expect(withPlannedTables(edited, meta, ["suppliers"]).scopes).toBe(
      "custom.read",
    );
  });

  it("leaves a blank secret and blank limits out, so saved values stay", () => {
    const body = bodyFromDraft({
      ...emptyDraft(meta),
      name: " Prod ",
      host: "acme",
      clientId: "id",
      requestsPerSecond: "10",
    });
    expect(body).toEqual({
      name: "Prod",
      mode: "direct",
      host: "acme",
      auth: {
        type: "oauth",
        clientId: "id",
        scopes: ["core.invoice.read", "core.supplier.read"],
      },
      apiVersion: "R39",
      cluster: "eu-1",
      requestsPerSecond: 10,
    });
  });

  it("plans the tables a saved connection's scopes can read, secret blank", () => {
    const draft = draftFromConnection(
      {
        id: "con_1",
        poolId: "pool_1",
        name: "Prod",
        mode: "direct",
        host: "https://acme.coupahost.com",
        auth: {
          type: "oauth",
          clientId: "id",
          clientSecret: "••••abcd",
          scopes: ["core.supplier.read"],
        },
        apiVersion: "R39",
      },
      meta,
    );
    expect(draft.plannedTables).toEqual(["suppliers", "supplier_items"]);
    expect(draft.clientSecret).toBe("");
    expect(bodyFromDraft(draft).auth).toEqual({
      type: "oauth",
      clientId: "id",
      scopes: ["core.supplier.read"],
    });
  });

  it("shows where a tenant name will point", () => {
    expect(hostPreview("acme")).toBe("https://acme.coupahost.com");
    expect(hostPreview("acme.coupahost.com/")).toBe(
      "https://acme.coupahost.com",
    );
    expect(hostPreview("http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010");
    expect(hostPreview("  ")).toBeUndefined();
  });
});

describe("job form", () => {
  it("sends only the settings the user changed, and null for no schedule", () => {
    const draft = {
      ...emptyJobDraft("con_1"),
      name: "P2P",
      selected: ["invoices", "suppliers"],
      settings: {
        invoices: {
          ...EMPTY_TABLE,
          columns: "id, status",
          filter: "status[in]=approved",
          lookback: "2h",
        },
      },
    };
    expect(bodyFromJobDraft(draft)).toEqual({
      name: "P2P",
      connectionId: "con_1",
      tables: {
        invoices: {
          columns: ["id", "status"],
          filter: "status[in]=approved",
          lookback: "2h",
        },
        suppliers: {},
      },
      mode: "auto",
      schedule: null,
      enabled: true,
    });
  });

  it("reads a saved job back into the same body", () => {
    const body = {
      name: "Nightly",
      connectionId: "con_1",
      tables: {
        invoices: {
          columns: ["id", { invoice_lines: ["id", "total"] }],
          pseudonymize: ["supplier_name"],
          detectDeletes: true,
          drift: "fail" as const,
        },
      },
      mode: "delta" as const,
      schedule: "0 2 * * *",
      enabled: false,
    };
    const job = { ...body, id: "job_1", poolId: "pool_1" };
    expect(bodyFromJobDraft(draftFromJob(job))).toEqual(body);
  });
});

describe("server errors", () => {
  it("keys field errors by dotted path, whatever the server's spelling", () => {
    const error = new ApiError(400, {
      code: "VALIDATION",
      message: "Invalid request body",
      fields: [
        { path: "auth.clientId", message: "Enter the OAuth client id." },
        { path: ["body", "auth", "scopes", 1], message: "bad scope" },
      ],
    });
    expect(error.fieldErrors).toEqual({
      "auth.clientId": "Enter the OAuth client id.",
      "auth.scopes.1": "bad scope",
    });
    expect(errorAt(error.fieldErrors, "auth.scopes")).toBe("bad scope");
    expect(error.retryable).toBe(false);
  });

  it("uses the single field of an error without a field list", () => {
    const error = new ApiError(422, {
      code: "HOST",
      message: "Coupa host must use https.",
      field: "host",
    });
    expect(error.fieldErrors).toEqual({ host: "Coupa host must use https." });
  });
});

describe("routes", () => {
  it("matches a pattern and decodes its parameters", () => {
    expect(
      matchRoute("/pools/:poolId/tables/:table", "/pools/p%201/tables/users"),
    ).toEqual({ poolId: "p 1", table: "users" });
    expect(matchRoute("/pools/:poolId", "/pools/p1/jobs")).toBeUndefined();
    expect(matchRoute("/", "/")).toEqual({});
  });
});
