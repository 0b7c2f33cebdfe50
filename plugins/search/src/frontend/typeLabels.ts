const LABELS: Record<string, string> = { 'software-catalog': 'Catalog', techdocs: 'Docs' };

/** A document type as people call it: `software-catalog` → Catalog. Unknown types show as they are. */
export function typeLabel(type: string): string {
  return LABELS[type] ?? type.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
