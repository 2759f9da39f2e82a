/**
 * Loading the project's WebAssembly kernels (each a `.wat` assembled to base64 by `npm run build:wasm`): decoded and
 * compiled once, synchronously (every module is under the 4 KB that browsers allow on the main thread), or null
 * where WebAssembly SIMD is unavailable so callers fall back to their TypeScript loops.
 * @module
 */

/** Decodes base64 without Node's Buffer (works in browsers and workers). */
export function decodeBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Returns a function that compiles the module on first call and then returns it (or null if it cannot be compiled). */
export function lazyWasmModule(base64: string): () => WebAssembly.Module | null {
  let cached: WebAssembly.Module | null | undefined;
  return () => {
    if (cached === undefined) {
      try {
        cached = typeof WebAssembly === 'object' ? new WebAssembly.Module(decodeBase64(base64) as BufferSource) : null;
      } catch {
        cached = null; // no WebAssembly SIMD here: the TypeScript loop runs instead
      }
    }
    return cached;
  };
}
