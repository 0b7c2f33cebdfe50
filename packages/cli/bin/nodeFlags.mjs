// V8 flags the portal's server runs with (ADR 0012). `atrium` sets them in its shebang; launchers
// that start it with `node` (npm start, the benchmarks) pass these.
//
// A 32 MB semi-space (V8's default is 16 MB): an ingestion allocates short-lived objects (parsed
// YAML, rows, JSON) faster than a small young generation can hold them, so scavenges ran often and
// promoted what was still in use into the old generation, which then needed full collections.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
