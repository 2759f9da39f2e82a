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

/** Why the TypeScript kernels run instead of WebAssembly ones that compiled: the first failure, or null. */
let memoryFailure: string | null = null;

/**
 * A WebAssembly memory of at least `bytes` bytes, or null when none can be had: with the usual guard regions a memory
 * reserves about 10 GB of address space, which an address-space limit (`ulimit -v`) refuses even for a tiny one. The
 * caller then runs its TypeScript kernels, which compute the same numbers; the first such fallback is reported once
 * on the console and stays readable through {@link wasmFallback}.
 */
export function wasmMemory(bytes: number): WebAssembly.Memory | null {
  try {
    return new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  } catch (e) {
    if (memoryFailure === null) {
      memoryFailure = (e as Error).message ?? String(e);
      console.warn(`spikebridge: no WebAssembly memory could be allocated (${memoryFailure}); using the TypeScript kernels instead (same results, slower)`);
    }
    return null;
  }
}

/**
 * Whether a WebAssembly memory was refused in this process (so some kernels run in TypeScript), and why; null when
 * every memory asked for was granted.
 */
export function wasmFallback(): { reason: string } | null {
  return memoryFailure === null ? null : { reason: memoryFailure };
}
