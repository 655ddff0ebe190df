import { manifestFileName, renderFiles, toYaml } from '../../src/synth/files';
import { SynthError } from '../../src/synth/manifests';

const obj = (kind: string, name: string, namespace?: string) => ({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('file names', () => {
  test('kind, namespace and name', () => {
    expect(manifestFileName(obj('ConfigMap', 'x', 'ns'))).toBe('configmap_ns_x.yaml');
    expect(manifestFileName(obj('ClusterRole', 'apibinding:tekton'))).toBe('clusterrole_apibinding~tekton.yaml');
  });

  test('same kind and name in two namespaces: two files', () => {
    const files = renderFiles('dev', [{ target: 't', component: 'c', objects: [obj('ConfigMap', 'x', 'a'), obj('ConfigMap', 'x', 'b')] }]);
    expect([...files.keys()]).toEqual(['dev/t/c/configmap_a_x.yaml', 'dev/t/c/configmap_b_x.yaml']);
  });

  test('fails if two objects would share a file', () => {
    const render = () => renderFiles('dev', [{ target: 't', component: 'c', objects: [obj('ConfigMap', 'x', 'a'), obj('ConfigMap', 'x', 'a')] }]);
    expect(render).toThrow(SynthError);
    expect(render).toThrow('dev/t/c/configmap_a_x.yaml: ConfigMap a/x and ConfigMap a/x would be written to the same file');
  });

  test('YAML is not folded and is stable', () => {
    const long = { ...obj('ConfigMap', 'x', 'a'), data: { k: 'word '.repeat(40) } };
    const yaml = toYaml(long);
    expect(yaml.split('\n').find((l) => l.includes('word'))).toContain('word '.repeat(39).trim());
    expect(toYaml(long)).toBe(yaml);
  });
});
