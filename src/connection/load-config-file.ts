import { readFile as readFileFromDisk } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { ConfigFileError } from "./config-file-error.js";

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Reads the product's config file (YAML or JSON; JSON is YAML) and
 * replaces every `${VAR}` in its string values from the environment, so
 * secrets can stay out of the file. Substitution happens after parsing:
 * a value containing quotes or colons cannot change the file's structure.
 *
 * @example
 * // connection: { auth: { clientSecret: "${COUPA_SECRET}" } }
 * const document = await loadConfigFile("coupa.yaml");
 * @param env Default `process.env`.
 * @param readFile Default `fs.promises.readFile(path, "utf8")`.
 * @throws ConfigFileError when the file cannot be read or parsed, or names
 * variables that are not set (all of them, with the file).
 */
export async function loadConfigFile(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => Promise<string> = (file) =>
    readFileFromDisk(file, "utf8"),
): Promise<unknown> {
  const text = await readText(path, readFile);
  const document = parseDocument(path, text);
  const missing = new Set<string>();
  const substituted = substitute(document, env, missing);
  if (missing.size > 0) throw missingVariables(path, [...missing]);
  return substituted;
}

async function readText(
  path: string,
  readFile: (path: string) => Promise<string>,
): Promise<string> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigFileError(
      path,
      `Cannot read the config file ${path} (${reason}). Check the path ` +
        `given with --config.`,
      { cause: error },
    );
  }
}

function parseDocument(path: string, text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ConfigFileError(
      path,
      `The config file ${path} is not valid YAML or JSON: ` +
        `${(error as Error).message.split("\n")[0]}`,
      { cause: error },
    );
  }
}

function substitute(
  value: unknown,
  env: NodeJS.ProcessEnv,
  missing: Set<string>,
): unknown {
  if (typeof value === "string") {
    return value.replace(VARIABLE, (_, name: string) => {
      const replacement = env[name];
      if (replacement === undefined) missing.add(name);
      return replacement ?? "";
    });
  }
  if (Array.isArray(value)) {
    return value.map((item) => substitute(item, env, missing));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, env, missing)]),
    );
  }
  return value;
}

function missingVariables(path: string, names: string[]): ConfigFileError {
  const list = names.map((name) => `\${${name}}`).join(", ");
  return new ConfigFileError(
    path,
    `The config file ${path} uses ${list} but the environment does not ` +
      `set ${names.length === 1 ? "it" : "them"}. Export ` +
      `${names.join(", ")} before running, or write the value into the file.`,
  );
}
