import { z } from 'zod';

/** MkDocs' `search/search_index.json` (the `search` plugin's output, which TechDocs serves as built). */
export const mkdocsSearchIndexSchema = z.object({
  config: z.looseObject({}).optional(),
  docs: z.array(z.looseObject({ location: z.string(), title: z.string(), text: z.string() })),
});
export type MkdocsSearchIndex = z.infer<typeof mkdocsSearchIndexSchema>;

export interface MkdocsSection {
  /** Relative to the site root: `''` (home), `page/`, `page/#anchor`. */
  location: string;
  title: string;
  text: string;
  /** The page title, then the section's heading: "Getting started › Install". */
  path: string;
}

/**
 * MkDocs lists each page, then each of its sections (`page/#anchor`) after it, without saying which
 * page a section belongs to except through the location. The heading path is built from that.
 */
export function sectionsOf(index: MkdocsSearchIndex): MkdocsSection[] {
  const pageTitles = new Map<string, string>();
  for (const d of index.docs) if (!d.location.includes('#')) pageTitles.set(d.location, d.title);
  return index.docs.map((d) => {
    const [page = '', anchor] = d.location.split('#', 2);
    const pageTitle = pageTitles.get(page);
    const path = anchor !== undefined && pageTitle && pageTitle !== d.title ? `${pageTitle} › ${d.title}` : d.title;
    return { location: d.location, title: d.title || pageTitle || 'Home', text: stripTags(d.text), path };
  });
}

/** Old MkDocs versions put HTML in `text`; the index wants words. */
function stripTags(value: string): string {
  return value.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
