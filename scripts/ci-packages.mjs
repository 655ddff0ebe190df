#!/usr/bin/env node
// The Debian packages a CI script installs (`apt-get install ... pkg...` lines of .ci/run), one
// line, so the pull-request workflow and pipeline install what `.ci/run` does without a second list.
//   node scripts/ci-packages.mjs [.ci/run]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Package names of every `apt-get install` / `apt install` command in a shell script. */
export function aptPackages(script) {
  const out = [];
  // Continued lines joined first: `apt-get install -y \\\n  lua5.1 gojq`.
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const m of code.matchAll(/\bapt(?:-get)?\s+((?:-\S+\s+)*)install\b([^;&|]*)/g)) {
      for (const word of m[2].trim().split(/\s+/)) if (word && !word.startsWith('-') && !/[<>$`]/.test(word)) out.push(word);
    }
  }
  return [...new Set(out)];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(aptPackages(readFileSync(process.argv[2] ?? '.ci/run', 'utf8')).join(' ') + '\n');
}
