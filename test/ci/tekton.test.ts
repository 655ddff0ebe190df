import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, validateSchemas } from '../../src/validate';
import { ROOT } from '../cli/cli-helpers';
import { PIPELINE_RUN, nodeScripts, npmRuns, packageScripts, readYaml } from './ci-files';

// Kubernetes reads YAML as 1.1 (sigs.k8s.io/yaml).
const run = readYaml(PIPELINE_RUN, '1.1');
const tasks: any[] = run.spec.pipelineSpec.tasks;

// Fields of tekton.dev/v1 this file relies on (tektoncd/pipeline@v0.47.0: pkg/apis/pipeline/v1/
// pipelinerun_types.go, pipeline_types.go, task_types.go, container_types.go, workspace_types.go).
// The pinned CRD preserves unknown fields, so a misspelt one would pass its schema and be dropped.
const FIELDS: Record<string, readonly string[]> = {
  spec: ['params', 'workspaces', 'taskRunTemplate', 'pipelineSpec', 'timeouts'],
  pipelineSpec: ['params', 'workspaces', 'tasks'],
  pipelineTask: ['name', 'params', 'workspaces', 'taskSpec', 'runAfter'],
  taskSpec: ['params', 'workspaces', 'volumes', 'stepTemplate', 'steps'],
  stepTemplate: ['image', 'workingDir', 'env', 'securityContext', 'computeResources', 'volumeMounts'],
  step: ['name', 'image', 'script', 'env', 'workingDir', 'securityContext', 'computeResources', 'volumeMounts'],
};
// Variables Pipelines-as-Code fills in (Red Hat OpenShift Pipelines 1.18 docs, Pipelines as Code, 5.2 "Dynamic variables";
// the {{ git_auth_secret }} Secret's `git-provider-token` key is the GitHub App installation token).
const PAC_VARIABLES = ['repo_url', 'revision', 'target_branch', 'repo_owner', 'repo_name', 'pull_request_number', 'git_auth_secret'];

/** Each task as the Pod Tekton runs: the step template under every step (a step's own fields win). */
function pods(): any[] {
  return tasks.map((t) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: t.name },
    spec: {
      securityContext: run.spec.taskRunTemplate.podTemplate.securityContext,
      containers: t.taskSpec.steps.map((s: any) => {
        const step = { ...t.taskSpec.stepTemplate, ...s, env: [...(t.taskSpec.stepTemplate.env ?? []), ...(s.env ?? [])] };
        const { computeResources, script, ...container } = step;
        return { ...container, resources: computeResources };
      }),
    },
  }));
}

describe('.tekton/pull-request.yaml', () => {
  test('a Pipelines-as-Code PipelineRun for pull requests to main, valid against the pinned Tekton CRD', () => {
    expect(run.apiVersion).toBe('tekton.dev/v1');
    expect(run.kind).toBe('PipelineRun');
    expect(run.metadata.annotations).toMatchObject({ 'pipelinesascode.tekton.dev/on-event': '[pull_request]', 'pipelinesascode.tekton.dev/on-target-branch': '[main]' });
    expect(validateSchemas([{ file: PIPELINE_RUN, object: run }])).toEqual([]);
  });

  test('only fields tekton.dev/v1 defines', () => {
    const keys = (o: any, allowed: readonly string[], at: string) => {
      for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new Error(`${at}.${k}: not a tekton.dev/v1 field this file expects`);
    };
    keys(run.spec, FIELDS.spec, 'spec');
    keys(run.spec.pipelineSpec, FIELDS.pipelineSpec, 'spec.pipelineSpec');
    tasks.forEach((t, i) => {
      keys(t, FIELDS.pipelineTask, `tasks[${i}]`);
      keys(t.taskSpec, FIELDS.taskSpec, `tasks[${i}].taskSpec`);
      keys(t.taskSpec.stepTemplate, FIELDS.stepTemplate, `tasks[${i}].taskSpec.stepTemplate`);
      t.taskSpec.steps.forEach((s: any, j: number) => keys(s, FIELDS.step, `tasks[${i}].taskSpec.steps[${j}]`));
    });
    expect(tasks.map((t) => t.name)).toEqual(['fetch', 'test', 'diff']);
  });

  test('every step passes our restricted-pod and image policy rules (as the Pod Tekton makes of it)', () => {
    const applied = ['pod-run-as-non-root', 'pod-no-privilege-escalation', 'pod-drop-all-capabilities', 'pod-seccomp-runtime-default', 'pod-no-host-access', 'pod-resources', 'image-pinned-by-digest', 'image-no-latest-tag', 'no-inline-credentials'];
    const rules = RULES.filter((r) => applied.includes(r.id));
    expect(rules.map((r) => r.id).sort()).toEqual([...applied].sort());
    const violations = pods().flatMap((p) => rules.flatMap((r) => r.check(p).map((v) => `${p.metadata.name}: ${v.path}: ${v.message} [${r.id}]`)));
    expect(violations).toEqual([]);
    for (const p of pods()) for (const c of p.spec.containers) expect(c.image).toMatch(/^docker\.io\/library\/node:20-bookworm@sha256:[0-9a-f]{64}$/);
    // The rules do fail a step that breaks them: the check is not vacuous.
    const bad = pods()[0];
    bad.spec.containers[0] = { ...bad.spec.containers[0], image: 'node:20', securityContext: {}, resources: {} };
    expect(rules.flatMap((r) => r.check(bad)).length).toBeGreaterThan(4);
  });

  test("the provider token reaches only the fetch task's workspace and the comment step: the pull request's code runs without it", () => {
    const text = JSON.stringify(run);
    for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) expect(PAC_VARIABLES).toContain(m[1]);
    expect(tasks.filter((t) => (t.workspaces ?? []).some((w: any) => w.workspace === 'git-auth')).map((t) => t.name)).toEqual(['fetch']);
    const withSecret = tasks.flatMap((t) => t.taskSpec.steps.filter((s: any) => (s.env ?? []).some((e: any) => e.valueFrom?.secretKeyRef)).map((s: any) => `${t.name}/${s.name}`));
    expect(withSecret).toEqual(['diff/comment']);
    expect(tasks.find((t) => t.name === 'test').taskSpec.stepTemplate.workingDir).toBe('$(workspaces.source.path)/head');
    expect(tasks.find((t) => t.name === 'diff').taskSpec.stepTemplate.workingDir).toBe('$(workspaces.source.path)/base');
  });

  test("runs the README's test command and the base's differ; every script it calls exists; params and workspaces are declared", () => {
    const scripts = packageScripts();
    const all = tasks.flatMap((t) => t.taskSpec.steps.map((s: any) => s.script as string));
    expect(all.map((s) => s.trim().split('\n').pop())).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm test']));
    const called = all.flatMap(npmRuns);
    expect(called).toEqual(expect.arrayContaining(['bundle', 'diff']));
    for (const name of called) expect(Object.keys(scripts)).toContain(name);
    for (const f of all.flatMap(nodeScripts)) expect(existsSync(join(ROOT, f))).toBe(true);
    expect(all.join('\n')).toContain('--to "$REVISION" --format markdown --output ../manifest-diff.md > ../comment-diff.md');
    for (const t of tasks) {
      const text = JSON.stringify(t.taskSpec);
      const params = (t.taskSpec.params ?? []).map((p: any) => p.name);
      for (const m of text.matchAll(/\$\(params\.([\w-]+)\)/g)) expect(params).toContain(m[1]);
      const ws = (t.taskSpec.workspaces ?? []).map((w: any) => w.name);
      for (const m of text.matchAll(/\$\(workspaces\.([\w-]+)\.path\)/g)) expect(ws).toContain(m[1]);
      expect((t.workspaces ?? []).map((w: any) => w.name).sort()).toEqual([...ws].sort());
      for (const p of t.params ?? []) expect(params).toContain(p.name);
    }
    const declared = run.spec.pipelineSpec.params.map((p: any) => p.name);
    expect(run.spec.params.map((p: any) => p.name)).toEqual(declared);
  });
});
