import { validateDescriptorFiles } from '@atrium/plugin-catalog/backend';

/**
 * `atrium validate [FILES|GLOBS]...`: lints descriptor files as the catalog would read them.
 * Exit 0 when every file is valid, 1 otherwise; `--format json` prints the results for machines.
 */
export async function validateCommand(options: { patterns: string[]; format: 'text' | 'json' }): Promise<number> {
  const patterns = options.patterns.length > 0 ? options.patterns : ['catalog-info.yaml'];
  const results = await validateDescriptorFiles(patterns);
  const problems = results.flatMap((r) => r.problems);
  if (options.format === 'json') {
    console.log(JSON.stringify({ valid: problems.length === 0, files: results }, null, 2));
    return problems.length === 0 ? 0 : 1;
  }
  for (const p of problems) {
    const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
    console.log(`${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
  }
  const entities = results.reduce((n, r) => n + r.entities, 0);
  const summary = `${results.length} file${results.length === 1 ? '' : 's'}, ${entities} entit${entities === 1 ? 'y' : 'ies'}`;
  console.log(problems.length === 0 ? `✔ ${summary}: valid` : `✖ ${summary}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  return problems.length === 0 ? 0 : 1;
}
