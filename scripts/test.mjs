#!/usr/bin/env node
// npm test: the type-check (tsc --noEmit) and the jest suites, run side by side (jest only strips
// types, so neither needs the other); fails if either fails. Arguments go to jest.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
// No test makes a TLS connection: node need not parse NODE_EXTRA_CA_CERTS (~50 ms where it is set,
// as on this project's machines) in jest, its workers and each CLI process the tests start.
const env = { ...process.env, NODE_EXTRA_CA_CERTS: '' };
const run = (args) =>
  new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });

const [tsc, jest] = await Promise.all([run([bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.']), run([bin('jest', 'bin/jest.js'), ...process.argv.slice(2)])]);
if (tsc !== 0) console.error('npm test: type errors (tsc --noEmit)');
process.exit(tsc || jest);
