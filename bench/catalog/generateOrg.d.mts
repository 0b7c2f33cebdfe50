/** Types of generateOrg.mjs, for tests that read the generated organisation. */
export interface GeneratedEntity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  spec: Record<string, unknown>;
}
export function generateOrg(n: number, seed?: number): GeneratedEntity[];
export function writeOrg(dir: string, entities: GeneratedEntity[], perFile?: number): Promise<string>;
