/**
 * The master key that encrypts secrets at rest is missing, malformed or
 * not the one the stored secrets were encrypted with. Terminal: the
 * server cannot decrypt connection secrets without the right key.
 */
export class MasterKeyError extends Error {
  override readonly name = "MasterKeyError";
  readonly code = "MASTER_KEY_INVALID";
  readonly retryable = false;
}
