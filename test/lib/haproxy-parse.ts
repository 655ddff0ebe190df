/** Test helper: reads a rendered haproxy.cfg back, independently of the renderer's model. */
/** What a rendered haproxy.cfg declares and references, read back from the text alone. */
export interface Parsed {
  sections: { kind: string; name: string; lines: string[] }[];
  backends: Set<string>;
  frontends: Map<string, Frontend>;
}

export interface Frontend {
  acls: Set<string>;
  /** Every criterion line of each ACL (HAProxy ORs lines of one name). */
  aclCriteria: Map<string, string[]>;
  /** `acls`: every ACL the condition names; `anyOf`: the condition as HAProxy reads it, an OR (`||`, `or`) of ANDs (juxtaposed names). */
  useBackends: { backend: string; acls: string[]; anyOf: string[][] }[];
  defaultBackend?: string;
  binds: string[];
}

/** A request as the routing sees it: header names (any case) and the path. */
export interface Request {
  headers: readonly string[];
  path: string;
}

/** Whether one ACL criterion line (as the renderer writes them) matches the request; unknown criteria throw. */
function criterionMatches(criterion: string, req: Request): boolean {
  let m = /^req\.hdr_cnt\(([^)]+)\) gt 0$/.exec(criterion);
  if (m) return req.headers.some((h) => h.toLowerCase() === m![1].toLowerCase());
  m = /^path (\S+)$/.exec(criterion);
  if (m) return req.path === m[1];
  m = /^path_beg (\S+)$/.exec(criterion);
  if (m) return req.path.startsWith(m[1]);
  throw new Error(`unknown ACL criterion: ${criterion}`);
}

/** The backend a frontend sends `req` to: first use_backend whose condition holds, else the default. */
export function routeOf(f: Frontend, req: Request): string | undefined {
  const acl = (name: string) => {
    const criteria = f.aclCriteria.get(name);
    if (!criteria) throw new Error(`undefined ACL ${name}`);
    return criteria.some((c) => criterionMatches(c, req));
  };
  for (const u of f.useBackends) if (u.anyOf.some((all) => all.every(acl))) return u.backend;
  return f.defaultBackend;
}

export function parseHaproxy(text: string): Parsed {
  const sections: Parsed['sections'] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    if (!/^\s/.test(raw)) {
      const [kind, name = ''] = raw.trim().split(/\s+/);
      sections.push({ kind, name, lines: [] });
    } else {
      if (sections.length === 0) throw new Error(`indented line before any section: ${raw}`);
      sections[sections.length - 1].lines.push(raw.trim());
    }
  }
  const backends = new Set(sections.filter((s) => s.kind === 'backend').map((s) => s.name));
  const frontends: Parsed['frontends'] = new Map();
  for (const s of sections.filter((x) => x.kind === 'frontend')) {
    const f: Frontend = { acls: new Set<string>(), aclCriteria: new Map(), useBackends: [], defaultBackend: undefined, binds: [] };
    for (const line of s.lines) {
      const words = line.split(/\s+/);
      if (words[0] === 'acl') {
        f.acls.add(words[1]);
        f.aclCriteria.set(words[1], [...(f.aclCriteria.get(words[1]) ?? []), words.slice(2).join(' ')]);
      }
      else if (words[0] === 'bind') f.binds.push(words[1]);
      else if (words[0] === 'default_backend') f.defaultBackend = words[1];
      else if (words[0] === 'use_backend') {
        if (words[2] !== 'if') throw new Error(`use_backend without if: ${line}`);
        // Condition: ACL names joined by || (or `or`); negations are not used.
        const anyOf: string[][] = [[]];
        for (const w of words.slice(3)) {
          if (w === '||' || w === 'or') anyOf.push([]);
          else anyOf[anyOf.length - 1].push(w);
        }
        f.useBackends.push({ backend: words[1], acls: words.slice(3).filter((w) => w !== '||' && w !== 'or'), anyOf });
      }
    }
    frontends.set(s.name, f);
  }
  return { sections, backends, frontends };
}

