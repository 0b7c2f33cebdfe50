/**
 * Heading ids exactly as Python-Markdown's `toc` extension makes them (what MkDocs links to), so deep
 * links written for an MkDocs site keep working here: ASCII-folded, punctuation dropped, lowercased,
 * runs of spaces and hyphens joined by one hyphen, and `_1`, `_2`... for repeats.
 */
export function slugify(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[^ -~\t\n\r]/g, '');
  return ascii.replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[-\s]+/g, '-');
}

const COUNTED = /^(.*)_([0-9]+)$/;

export function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  while (!candidate || used.has(candidate)) {
    const m = COUNTED.exec(candidate);
    candidate = m ? `${m[1]}_${Number(m[2]) + 1}` : `${candidate}_1`;
  }
  used.add(candidate);
  return candidate;
}
