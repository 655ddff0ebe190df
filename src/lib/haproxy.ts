/**
 * A small typed model of the HAProxy configuration the PaC gateway needs, rendered to
 * haproxy.cfg text deterministically (same model, same bytes). Only what we use is modelled:
 * HTTP frontends with ACLs and routes, backends with servers or a fixed reply.
 * @see https://docs.haproxy.org/2.8/configuration.html
 */

/** What an ACL tests. Header names are matched case-insensitively by HAProxy. */
export type AclTest =
  | { readonly kind: 'header-present'; readonly header: string }
  /** The path itself or anything below it (`/pac`, `/pac/...`, not `/pacman`). */
  | { readonly kind: 'path-prefix'; readonly prefix: string };

export interface Acl {
  readonly name: string;
  readonly test: AclTest;
}

/** Requests matching any of `whenAny` (named ACLs of the frontend) go to `backend`. */
export interface Route {
  readonly backend: string;
  readonly whenAny: readonly string[];
}

export interface Frontend {
  readonly name: string;
  readonly port: number;
  /** @default [] */
  readonly acls?: readonly Acl[];
  /** Checked in order; the first match wins. @default [] */
  readonly routes?: readonly Route[];
  /** Where unmatched requests go. @default - none */
  readonly defaultBackend?: string;
  /** Answer 200 on this path without touching a backend (liveness/readiness). @default - none */
  readonly monitorUri?: string;
}

export interface Server {
  readonly name: string;
  /** DNS name, resolved at run time through `resolvers` (so HAProxy starts before the target exists). */
  readonly host: string;
  readonly port: number;
}

export type Backend =
  | { readonly name: string; readonly kind: 'servers'; readonly servers: readonly Server[] }
  | { readonly name: string; readonly kind: 'reply'; readonly status: number };

export interface HaproxyConfig {
  readonly frontends: readonly Frontend[];
  readonly backends: readonly Backend[];
  /** Client/server/connect timeouts in seconds. @default { connect: 5, client: 30, server: 30 } */
  readonly timeoutsSeconds?: { readonly connect: number; readonly client: number; readonly server: number };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const HEADER = /^[A-Za-z0-9-]+$/;
const PATH = /^\/[A-Za-z0-9._~/-]*$/;
const PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;
const HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The resolvers section servers use: the pod's resolv.conf (cluster DNS, or kcp's DNS when synced). */
export const RESOLVERS = 'cluster-dns';

/** Problems with the model, one line each; empty when it renders to a valid configuration. */
export function haproxyConfigProblems(config: HaproxyConfig): string[] {
  const problems: string[] = [];
  const backends = new Set<string>();
  for (const b of config.backends) {
    if (!NAME.test(b.name)) problems.push(`backend "${b.name}": not a valid HAProxy name`);
    if (backends.has(b.name)) problems.push(`backend "${b.name}": defined twice`);
    backends.add(b.name);
    if (b.kind === 'servers') {
      if (b.servers.length === 0) problems.push(`backend "${b.name}": has no server`);
      for (const s of b.servers) {
        if (!NAME.test(s.name)) problems.push(`backend "${b.name}": server "${s.name}": not a valid HAProxy name`);
        if (!HOST.test(s.host)) problems.push(`backend "${b.name}": server "${s.name}": host "${s.host}" is not a DNS name`);
        if (!validPort(s.port)) problems.push(`backend "${b.name}": server "${s.name}": port ${s.port} is not 1-65535`);
      }
    } else if (!Number.isInteger(b.status) || b.status < 200 || b.status > 599) {
      problems.push(`backend "${b.name}": status ${b.status} is not an HTTP status`);
    }
  }
  const frontends = new Set<string>();
  const ports = new Set<number>();
  for (const f of config.frontends) {
    if (!NAME.test(f.name)) problems.push(`frontend "${f.name}": not a valid HAProxy name`);
    if (frontends.has(f.name) || backends.has(f.name)) problems.push(`frontend "${f.name}": name already used by another section`);
    frontends.add(f.name);
    if (!validPort(f.port)) problems.push(`frontend "${f.name}": port ${f.port} is not 1-65535`);
    if (ports.has(f.port)) problems.push(`frontend "${f.name}": port ${f.port} is bound by another frontend`);
    ports.add(f.port);
    if (f.monitorUri !== undefined && !PATH.test(f.monitorUri)) problems.push(`frontend "${f.name}": monitor URI "${f.monitorUri}" is not a path`);
    const acls = new Set<string>();
    for (const a of f.acls ?? []) {
      if (!NAME.test(a.name)) problems.push(`frontend "${f.name}": acl "${a.name}": not a valid HAProxy name`);
      if (acls.has(a.name)) problems.push(`frontend "${f.name}": acl "${a.name}": defined twice`);
      acls.add(a.name);
      if (a.test.kind === 'header-present' && !HEADER.test(a.test.header)) problems.push(`frontend "${f.name}": acl "${a.name}": "${a.test.header}" is not a header name`);
      if (a.test.kind === 'path-prefix' && !PREFIX.test(a.test.prefix)) problems.push(`frontend "${f.name}": acl "${a.name}": "${a.test.prefix}" is not a path prefix such as /pac (no trailing /)`);
    }
    for (const r of f.routes ?? []) {
      if (!backends.has(r.backend)) problems.push(`frontend "${f.name}": route to backend "${r.backend}", which is not defined`);
      if (r.whenAny.length === 0) problems.push(`frontend "${f.name}": route to "${r.backend}" has no condition (use defaultBackend)`);
      for (const a of r.whenAny) if (!acls.has(a)) problems.push(`frontend "${f.name}": route to "${r.backend}" uses acl "${a}", which is not defined`);
    }
    if (f.defaultBackend !== undefined && !backends.has(f.defaultBackend)) problems.push(`frontend "${f.name}": default backend "${f.defaultBackend}" is not defined`);
  }
  return problems;
}

/** haproxy.cfg text; throws on an invalid model, listing every problem. */
export function renderHaproxyConfig(config: HaproxyConfig): string {
  const problems = haproxyConfigProblems(config);
  if (problems.length > 0) throw new Error(`invalid haproxy configuration:\n${problems.join('\n')}`);
  const t = config.timeoutsSeconds ?? { connect: 5, client: 30, server: 30 };
  const lines: string[] = [];
  const section = (header: string, body: string[]) => {
    lines.push(header, ...body.map((l) => `  ${l}`), '');
  };
  // No chroot, pidfile or stats socket: the root filesystem is read-only and nothing is written.
  section('global', ['log stdout format raw local0 info']);
  section('defaults', ['mode http', 'log global', 'option httplog', `timeout connect ${t.connect}s`, `timeout client ${t.client}s`, `timeout server ${t.server}s`]);
  section(`resolvers ${RESOLVERS}`, ['parse-resolv-conf', 'hold valid 10s']);
  for (const f of config.frontends) {
    const body = [`bind :${f.port}`];
    if (f.monitorUri !== undefined) body.push(`monitor-uri ${f.monitorUri}`);
    // Several lines with one ACL name are ORed by HAProxy.
    for (const a of f.acls ?? []) for (const c of aclCriteria(a.test)) body.push(`acl ${a.name} ${c}`);
    for (const r of f.routes ?? []) body.push(`use_backend ${r.backend} if ${r.whenAny.join(' || ')}`);
    if (f.defaultBackend !== undefined) body.push(`default_backend ${f.defaultBackend}`);
    section(`frontend ${f.name}`, body);
  }
  for (const b of config.backends) {
    const body =
      b.kind === 'servers'
        ? b.servers.map((s) => `server ${s.name} ${s.host}:${s.port} resolvers ${RESOLVERS} init-addr last,libc,none`)
        : [`http-request return status ${b.status}`];
    section(`backend ${b.name}`, body);
  }
  return lines.join('\n');
}

function aclCriteria(test: AclTest): string[] {
  switch (test.kind) {
    case 'header-present':
      return [`req.hdr_cnt(${test.header}) gt 0`];
    case 'path-prefix':
      return [`path ${test.prefix}`, `path_beg ${test.prefix}/`];
  }
}

function validPort(p: number): boolean {
  return Number.isInteger(p) && p >= 1 && p <= 65535;
}
