// The environment every node process of this project's tooling runs in (the CLI through
// scripts/run.mjs, tests, bench, builds): NODE_EXTRA_CA_CERTS empty. Nothing here makes a TLS
// connection, and where the variable names a bundle (as on this project's machines) node parses
// every certificate in it before running anything (~50 ms per process).
export const CLI_ENV = { ...process.env, NODE_EXTRA_CA_CERTS: '' };
