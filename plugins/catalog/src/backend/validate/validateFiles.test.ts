import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDescriptorFiles } from './validateFiles.js';

const backstageExamples = join(process.cwd(), 'node_modules/@backstage/create-app/templates/default-app/examples');

describe('validating descriptor files', () => {
  it("finds nothing wrong in Backstage's own example catalog", async () => {
    // template/content/ holds the template's skeleton (nunjucks, not a descriptor yet), so it is left out.
    const results = await validateDescriptorFiles(['*.yaml', 'template/template.yaml'], { cwd: backstageExamples });
    expect(results.map((r) => r.file).sort()).toEqual(['entities.yaml', 'org.yaml', 'template/template.yaml']);
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    expect(results.reduce((n, r) => n + r.entities, 0)).toBeGreaterThan(5);
  });

  it('reports each problem with its file, line and field, and keeps checking the other documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-validate-'));
    writeFileSync(join(dir, 'catalog-info.yaml'), [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: -bad-name',
      '  tags: [Good_Tag]',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: fine',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: team-a',
      '  dependsOn: [no-kind-here]',
      '---',
      'kind: [unclosed',
    ].join('\n'));
    const [result] = await validateDescriptorFiles(['catalog-info.yaml'], { cwd: dir });
    const problems = result!.problems.map((p) => `${p.line}:${p.field ?? ''}`);
    expect(problems).toContain('4:metadata.name');
    expect(problems).toContain('5:metadata.tags[0]');
    expect(problems).toContain('6:spec.owner');
    expect(problems.some((p) => p.startsWith('18:spec.dependsOn'))).toBe(true);
    expect(result!.problems.some((p) => p.line === 20 && /flow|unclosed|end/i.test(p.message))).toBe(true);
    expect(result!.problems.find((p) => p.field === 'metadata.name')!.message).toContain('"metadata.name" is not valid');
  });

  it('resolves $text next to the file and reports a missing one by field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-validate-'));
    cpSync(backstageExamples, dir, { recursive: true });
    writeFileSync(join(dir, 'api.yaml'), [
      'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata: { name: petstore }',
      'spec: { type: openapi, lifecycle: production, owner: guests, definition: { $text: ./missing-openapi.yaml } }',
    ].join('\n'));
    const [result] = await validateDescriptorFiles(['api.yaml'], { cwd: dir });
    expect(result!.problems).toHaveLength(1);
    expect(result!.problems[0]).toMatchObject({ file: 'api.yaml', line: 4, field: 'spec.definition' });
  });

  it("flags the template skeleton's unrendered name, since it is not a descriptor yet", async () => {
    const [result] = await validateDescriptorFiles(['template/content/catalog-info.yaml'], { cwd: backstageExamples });
    expect(result!.problems).toMatchObject([{ line: 4, field: 'metadata.name' }]);
  });

  it('says when a pattern matches no file', async () => {
    await expect(validateDescriptorFiles(['nothing/**/*.yaml'], { cwd: tmpdir() })).rejects.toThrow('No files match nothing/**/*.yaml');
  });
});
