import { base36, canonicalJson, contentHash, derivedNameProblems, dnsId, dnsIdTemplate, hash8, MAX_SYNC_TARGET_NAME, pluginApiBindingName, pluginPlacementName, syncerId, syncTargetNameFor } from '../../src/lib/kcp-names';

describe('syncer names, as the kcp v0.11 plugin computes them', () => {
  test('hash of a fixed SyncTarget UID', () => {
    // UID 6d1e3c2a-9b7f-4e58-a0c4-2f8e1b3d5a79, hashed as its UTF-8 text:
    // 1. sha224 = b7588d8cbc26046585be762314bb5ee0a7b6034d3577caaf72cfb76c (28 bytes, first byte 0xb7: no leading zero)
    // 2. read big-endian: 19308577937278903079197602116334253798306335305215686591509712320364
    // 3. base36, lower case: 2bdkcae0azixturpboogeuabqq8k989ftvehzvhpg19o
    // 4. first 8 characters: 2bdkcae0
    // (computed independently with Python's hashlib and int.from_bytes / divmod 36)
    const uid = '6d1e3c2a-9b7f-4e58-a0c4-2f8e1b3d5a79';
    expect(hash8(uid)).toBe('2bdkcae0');
    expect(syncerId('prod-workload-1', uid)).toBe('kcp-syncer-prod-workload-1-2bdkcae0');
    expect(dnsId(syncerId('prod-workload-1', uid))).toBe('kcp-dns-prod-workload-1-2bdkcae0');
  });

  test('a leading zero byte of the digest becomes a leading 0', () => {
    // sha224("00000000-0000-4000-8000-000000000156") = 003baacfb1...: one zero byte, so "0" + base36(rest as a number)
    expect(hash8('00000000-0000-4000-8000-000000000156')).toBe('03td4kp5');
    expect(base36(new Uint8Array([0, 0, 1]))).toBe('001');
    expect(base36(new Uint8Array([0]))).toBe('0');
    expect(base36(new Uint8Array([1, 0]))).toBe('74'); // 256 = 7*36 + 4
  });

  test('SyncTarget names: the cluster name up to 37 characters (so the kcp-dns id fits 63), else a stable hashed form', () => {
    expect(MAX_SYNC_TARGET_NAME).toBe(37);
    const n37 = 'c'.repeat(37);
    expect(syncTargetNameFor(n37)).toBe(n37);
    expect(dnsIdTemplate(n37)).toHaveLength(63);
    expect(derivedNameProblems(n37)).toEqual([]);
    const long = 'a'.repeat(20) + '-very-long-workload-cluster-name-in-region-eu-west-1'; // 72 characters
    const st = syncTargetNameFor(long);
    expect(st).toHaveLength(37);
    expect(st).toBe(`${long.slice(0, 28)}-${hash8(long)}`);
    expect(syncTargetNameFor(long)).toBe(st);
    expect(derivedNameProblems(st)).toEqual([]);
    // 38 characters: hashed; a trailing '-' of the kept part is dropped
    const n38 = 'x'.repeat(27) + '-' + 'y'.repeat(10);
    expect(syncTargetNameFor(n38)).toBe(`${'x'.repeat(27)}-${hash8(n38)}`);
  });

  test('derived names: a SyncTarget name of 38 overflows the kcp-dns id (GetDNSID), of 44 the syncer namespace too', () => {
    expect(derivedNameProblems('d'.repeat(38))).toEqual([
      `SyncTarget name (at most 37, so the kcp-dns id fits) "${'d'.repeat(38)}" has 38 characters, more than 37`,
      `kcp-dns Deployment, Service and pod label kcp-dns-<synctarget>-<8>-<8> "kcp-dns-${'d'.repeat(38)}-xxxxxxxx-xxxxxxxx" has 64 characters, more than 63`,
    ]);
    expect(derivedNameProblems('d'.repeat(44))).toHaveLength(3);
  });

  test("the plugin's APIBinding and Placement names (bind_compute.go)", () => {
    expect(pluginApiBindingName('root:org:compute', 'kubernetes')).toBe(`kubernetes-${hash8('/clusters/root:org:compute')}`);
    expect(pluginPlacementName('', ['a=b'], 'root:org:compute')).toBe(`placement-${hash8('a=broot:org:compute')}`);
    expect(pluginPlacementName('x=y', ['a=b', 'c=d'], 'root:w')).toBe(`placement-${hash8('x=ya=b,c=droot:w')}`);
  });

  test('content hashes ignore key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
