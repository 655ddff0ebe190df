#!/usr/bin/env node
// The pull-request comment with the manifest diff: one per pull request, found again by its marker
// and updated in place, so a push edits it instead of adding another.
//   node scripts/pr-comment.mjs body --diff FILE [--base SHA] [--head SHA] [--details URL]
//   node scripts/pr-comment.mjs post --diff FILE --repo OWNER/NAME --pr N [--base SHA] [--head SHA] [--details URL]
// `post` reads the token from GITHUB_TOKEN (never an argument: arguments show in process lists)
// and the API from GITHUB_API_URL (GitHub Enterprise), else https://api.github.com.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const MARKER = '<!-- pipeline-service-manifests: manifest diff -->';
/** GitHub refuses comment bodies over 65,536 characters; we stay well under. */
export const MAX_BODY = 60_000;

/** The comment: marker, the diff (cut to fit if it does not), and where it came from. */
export function commentBody(diff, { base, head, details } = {}) {
  const from = base && head ? `Rendered by the differ built from the base (\`${base.slice(0, 12)}\`) against \`${head.slice(0, 12)}\`.` : '';
  const more = details ? ` Full diff: ${details}` : '';
  const footer = from || more ? `\n\n<sub>${from}${more}</sub>\n` : '\n';
  const room = MAX_BODY - MARKER.length - 1 - footer.length;
  let text = diff.trimEnd();
  if (text.length > room) {
    const note = '\n\n_(cut to fit a comment)_';
    text = text.slice(0, room - note.length) + note;
  }
  return `${MARKER}\n${text}${footer}`;
}

/** The comment this script wrote before, if any. */
export function findMarked(comments) {
  return comments.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
}

async function request(api, token, method, path, body) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res.json();
}

/** Updates the marked comment of the pull request, or adds it; returns what it did. */
export async function postComment({ api, token, repo, pr, body }) {
  const comments = [];
  for (let page = 1; ; page++) {
    const batch = await request(api, token, 'GET', `/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`);
    comments.push(...batch);
    if (batch.length < 100) break;
  }
  const mine = findMarked(comments);
  if (mine) {
    await request(api, token, 'PATCH', `/repos/${repo}/issues/comments/${mine.id}`, { body });
    return `updated comment ${mine.id}`;
  }
  const created = await request(api, token, 'POST', `/repos/${repo}/issues/${pr}/comments`, { body });
  return `added comment ${created.id}`;
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { diff: { type: 'string' }, base: { type: 'string' }, head: { type: 'string' }, details: { type: 'string' }, repo: { type: 'string' }, pr: { type: 'string' } },
    allowPositionals: true,
  });
  const [command] = positionals;
  if (command !== 'body' && command !== 'post') throw new Error('usage: pr-comment.mjs body|post --diff FILE [...]');
  if (!values.diff) throw new Error('--diff FILE is required');
  const body = commentBody(readFileSync(values.diff, 'utf8'), values);
  if (command === 'body') return void process.stdout.write(body);
  if (!/^[\w.-]+\/[\w.-]+$/.test(values.repo ?? '')) throw new Error('--repo OWNER/NAME is required');
  if (!/^\d+$/.test(values.pr ?? '')) throw new Error('--pr NUMBER is required');
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new Error('GITHUB_TOKEN is not set');
  const api = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  console.log(await postComment({ api, token, repo: values.repo, pr: values.pr, body }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`pr-comment: ${e.message}`);
    process.exit(1);
  });
}
