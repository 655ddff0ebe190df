// Every optional property of the public construct and chart props says what leaving it out means
// (`@default`, as cdk8s-plus documents its props): API.md shows it to users of the package.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';

const src = resolve(__dirname, '../../src');

/** `file: Interface.prop` for each optional property of an exported interface without @default. */
function undocumentedDefaults(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const missing: string[] = [];
  const visitMembers = (owner: string, members: ts.NodeArray<ts.TypeElement>) => {
    for (const m of members) {
      if (!ts.isPropertySignature(m)) continue;
      const name = `${owner}.${m.name.getText(source)}`;
      if (m.questionToken && !ts.getJSDocTags(m).some((t) => t.tagName.text === 'default')) missing.push(`${file}: ${name}`);
      // Inline object types of a prop (e.g. `containerResources?: { ... }`) are documented the same way.
      if (m.type && ts.isTypeLiteralNode(m.type)) visitMembers(name, m.type.members);
    }
  };
  for (const s of source.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isInterfaceDeclaration(s)) visitMembers(s.name.text, s.members);
  }
  return missing;
}

test('optional props of the exported constructs and charts document their default', () => {
  const missing = ['constructs', 'charts'].flatMap((dir) =>
    readdirSync(join(src, dir))
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => undocumentedDefaults(`src/${dir}/${f}`, readFileSync(join(src, dir, f), 'utf8'))),
  );
  expect(missing).toEqual([]);
});

test('the check finds an optional property without @default, also inside an inline object type', () => {
  const text = `export interface P {\n  /** @default 1 */\n  readonly a?: number;\n  readonly b?: string;\n  /** @default - none */\n  readonly c?: { readonly d?: boolean };\n  readonly e: string;\n}\ninterface Q { readonly f?: string }\n`;
  expect(undocumentedDefaults('x.ts', text)).toEqual(['x.ts: P.b', 'x.ts: P.c.d']);
});
