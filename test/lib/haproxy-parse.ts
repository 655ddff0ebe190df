/** Test helper: reads a rendered haproxy.cfg back, independently of the renderer's model. */
/** What a rendered haproxy.cfg declares and references, read back from the text alone. */
export interface Parsed {
  sections: { kind: string; name: string; lines: string[] }[];
  backends: Set<string>;
  frontends: Map<string, { acls: Set<string>; useBackends: { backend: string; acls: string[] }[]; defaultBackend?: string; binds: string[] }>;
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
    const f = { acls: new Set<string>(), useBackends: [] as { backend: string; acls: string[] }[], defaultBackend: undefined as string | undefined, binds: [] as string[] };
    for (const line of s.lines) {
      const words = line.split(/\s+/);
      if (words[0] === 'acl') f.acls.add(words[1]);
      else if (words[0] === 'bind') f.binds.push(words[1]);
      else if (words[0] === 'default_backend') f.defaultBackend = words[1];
      else if (words[0] === 'use_backend') {
        if (words[2] !== 'if') throw new Error(`use_backend without if: ${line}`);
        // Condition: ACL names joined by || (or `or`); negations are not used.
        f.useBackends.push({ backend: words[1], acls: words.slice(3).filter((w) => w !== '||' && w !== 'or') });
      }
    }
    frontends.set(s.name, f);
  }
  return { sections, backends, frontends };
}

