// Preloaded (node --require) when a wasm build runs under Node 22 or later.
// This Emscripten's loader fetches the .wasm by its file path whenever
// `fetch` exists, which fails under Node; Node 20 could turn fetch off with
// --no-experimental-fetch, later Nodes no longer have that switch.
delete globalThis.fetch;
