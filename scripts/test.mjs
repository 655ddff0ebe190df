#!/usr/bin/env node
// npm test: the type-check (tsc --noEmit) and the jest suites, run side by side (jest only strips
// types, so neither needs the other); fails if either fails. Arguments go to jest.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { CLI_ENV } from './cli-env.mjs';

const root = resolve(import.meta.dirname, '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const run = (args) =>
  new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: CLI_ENV });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });

// Incremental: what an earlier run checked and did not change since is not checked again (~3x
// faster). The build info is in build/ (ignored by git, one per checkout); tsc compares each file's
// content hash with it, and checks everything when it is missing or unreadable (a fresh clone).
const typeCheck = [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', join(root, 'build/tsc-noemit.tsbuildinfo')];
const [tsc, jest] = await Promise.all([run(typeCheck), run([bin('jest', 'bin/jest.js'), ...process.argv.slice(2)])]);
if (tsc !== 0) console.error('npm test: type errors (tsc --noEmit)');
process.exit(tsc || jest);
