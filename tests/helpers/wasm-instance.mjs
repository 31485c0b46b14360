// For tests that look inside personalize.wasm (linear memory, heap in use): wraps the
// WebAssembly.Instance constructor, which the glue's Node.js path instantiates with, so the glue's
// instance is kept. The glue instantiates lazily, on its first call, so importing this module
// before making any call is enough.
let instance;
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args, newTarget) {
    const made = Reflect.construct(target, args, newTarget);
    instance ??= made;
    return made;
  },
});

/** The glue's WebAssembly instance (undefined until the glue's first call). */
export const wasmInstance = () => instance;
