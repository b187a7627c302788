/**
 * Coupa answers JSON when the Accept header asks for it and XML
 * otherwise (including no Accept header and `*\/*`).
 */
export function wantsJson(accept: string | undefined): boolean {
  return accept !== undefined && /application\/json|\+json/i.test(accept);
}
