// For tests that look inside personalize.wasm (linear memory, heap in use): wraps
// WebAssembly.instantiate so the glue's instance is kept. The glue instantiates lazily, on its
// first call, so importing this module before making any call is enough.
let instance;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const result = await instantiate(...args);
  instance ??= result.instance;
  return result;
};

/** The glue's WebAssembly instance (undefined until the glue's first call). */
export const wasmInstance = () => instance;
