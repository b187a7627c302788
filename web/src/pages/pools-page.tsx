import { type FormEvent, useState } from "react";
import { useApi } from "../api/api-context.js";
import { ErrorAlert } from "../components/error-alert.js";
import { FormField, fieldProps } from "../components/form-field.js";
import { PageTitle } from "../components/page-title.js";
import { fieldErrorsOf } from "../lib/field-errors-of.js";
import { hrefOf, navigate } from "../lib/hash-route.js";
import { useAsync } from "../lib/use-async.js";

/** Lists the data pools and creates new ones. */
export function PoolsPage() {
  const api = useApi();
  const pools = useAsync(() => api.listPools(), [api]);

  return (
    <>
      <PageTitle>Data pools</PageTitle>
      <p className="lead">
        A data pool holds the tables extracted from one Coupa tenant, with the
        connections and jobs that fill it.
      </p>
      <section aria-labelledby="pool-list-heading">
        <h2 id="pool-list-heading">Your data pools</h2>
        <ErrorAlert error={pools.error} />
        {pools.data?.length === 0 && (
          <p className="empty">No data pools yet. Create the first below.</p>
        )}
        {pools.data && pools.data.length > 0 && (
          <ul className="cards">
            {pools.data.map((pool) => (
              <li key={pool.id} className="card">
                <a href={hrefOf(`/pools/${pool.id}`)}>{pool.name}</a>
                {pool.description && <p>{pool.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <CreatePoolForm />
    </>
  );
}

function CreatePoolForm() {
  const api = useApi();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [memoryLimit, setMemoryLimit] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const pool = await api.createPool({
        name,
        description,
        memoryLimitMb: memoryLimit.trim() === "" ? null : Number(memoryLimit),
      });
      navigate(`/pools/${pool.id}`);
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-pool-heading">
      <h2 id="create-pool-heading">Create a data pool</h2>
      <form onSubmit={submit} noValidate className="card">
        <FormField id="pool-name" label="Name" error={errors.name}>
          <input
            {...fieldProps("pool-name", { error: errors.name })}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </FormField>
        <FormField
          id="pool-description"
          label="Description (optional)"
          error={errors.description}
        >
          <input
            {...fieldProps("pool-description", { error: errors.description })}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </FormField>
        <FormField
          id="pool-memory"
          label="DuckDB memory limit in MB (optional)"
          hint="Default 256. Down to 64 for a small machine, at some cost in speed; under 256 only when set before the pool's first run."
          error={errors.memoryLimitMb}
        >
          <input
            {...fieldProps("pool-memory", {
              hint: true,
              error: errors.memoryLimitMb,
            })}
            type="number"
            inputMode="numeric"
            min={64}
            step={1}
            placeholder="256"
            value={memoryLimit}
            onChange={(event) => setMemoryLimit(event.target.value)}
          />
        </FormField>
        <ErrorAlert
          error={error}
          shownFields={["name", "description", "memoryLimitMb"]}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Create data pool
          </button>
        </div>
      </form>
    </section>
  );
}
