/** Assembles WebAssembly text (with SIMD) to bytes using wabt (a dev dependency). */
export async function assembleWat(text: string, name = 'module.wat'): Promise<Uint8Array> {
  const wabt = await (await import('wabt')).default();
  const mod = wabt.parseWat(name, text, { simd: true });
  try {
    mod.validate();
    return new Uint8Array(mod.toBinary({ write_debug_names: false }).buffer);
  } finally {
    mod.destroy();
  }
}
