/** SHA-256 through WebCrypto, which Node 20, browsers and workers all provide as `crypto`. */

/** Returns the lowercase hex SHA-256 digest of the bytes. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Copy into a fresh ArrayBuffer: a Node Buffer can be a view into a larger shared pool.
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
