import { DEFAULT_NAMESPACE, RELATION_OWNED_BY, stringifyEntityRef, type Entity } from '@atrium/model';
import type { Logger } from '@atrium/backend';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import { TECHDOCS_DOCUMENT_TYPE, type SearchDocument } from '@atrium/plugin-search/common';
import type { SearchCollator, SearchIndexWriter } from '../../extensionPoint.js';
import { mkdocsSearchIndexSchema, sectionsOf } from './mkdocsIndex.js';

export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';
/** Published by TechDocs when a site was (re)built: `{ entityRef, buildId }`. */
export const TECHDOCS_SITE_BUILT_TOPIC = 'techdocs.site.built';

const ENTITY_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.type', 'spec.lifecycle', 'spec.owner', 'relations'];

export interface TechdocsCollatorOptions {
  catalog: CatalogClient;
  logger: Logger;
  /** TechDocs' API base URL (`discovery.getBaseUrl('techdocs')`). */
  techdocsBaseUrl: () => Promise<string>;
  token: () => Promise<string>;
  fetch?: typeof fetch;
  parallelism?: number;
  schedule?: SearchCollator['schedule'];
  onSiteBuilt(handler: (entityRef: string) => Promise<void>): void;
}

/**
 * One `techdocs` document per page section of every entity with docs, read from the built site's
 * MkDocs search index. A site that is not built yet (404) is skipped until TechDocs says it was built.
 */
export function createTechdocsCollator(options: TechdocsCollatorOptions): SearchCollator {
  const doFetch = options.fetch ?? fetch;
  const parallelism = options.parallelism ?? 5;

  async function documentsOf(entity: Entity, signal?: AbortSignal): Promise<SearchDocument[] | undefined> {
    const ns = (entity.metadata.namespace ?? DEFAULT_NAMESPACE).toLowerCase();
    const kind = entity.kind.toLowerCase();
    const name = entity.metadata.name.toLowerCase();
    const url = `${await options.techdocsBaseUrl()}/static/docs/${enc(ns)}/${enc(kind)}/${enc(name)}/search/search_index.json`;
    const res = await doFetch(url, { headers: { authorization: `Bearer ${await options.token()}` }, signal });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    const parsed = mkdocsSearchIndexSchema.safeParse(await res.json());
    if (!parsed.success) throw new Error(`${url} is not an MkDocs search index: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const owner = entity.relations?.find((r) => r.type === RELATION_OWNED_BY)?.targetRef ?? (typeof spec.owner === 'string' ? spec.owner : undefined);
    const entityTitle = entity.metadata.title ?? entity.metadata.name;
    return sectionsOf(parsed.data).map((s) => ({
      title: s.title,
      text: s.text,
      location: `/docs/${enc(ns)}/${enc(kind)}/${enc(name)}/${s.location}`,
      entityRef: stringifyEntityRef(entity),
      entityTitle,
      kind: entity.kind,
      namespace: ns,
      name: entity.metadata.name,
      path: s.path,
      ...(typeof spec.type === 'string' && { componentType: spec.type, type: spec.type }),
      ...(typeof spec.lifecycle === 'string' && { lifecycle: spec.lifecycle }),
      ...(owner && { owner: owner.toLowerCase() }),
    }));
  }

  return {
    type: TECHDOCS_DOCUMENT_TYPE,
    textWeight: 'body',
    schedule: options.schedule,
    async *collate(signal) {
      const filter = { [`metadata.annotations.${TECHDOCS_REF_ANNOTATION}`]: true } as const;
      for await (const entities of options.catalog.streamEntities({ filter, fields: ENTITY_FIELDS, pageSize: 200, signal })) {
        for (let i = 0; i < entities.length; i += parallelism) {
          const batch = await Promise.all(entities.slice(i, i + parallelism).map(async (e) => {
            try {
              return (await documentsOf(e, signal)) ?? [];
            } catch (error) {
              // One broken site must not keep every other site out of the index.
              options.logger.warn(`Skipped the docs of ${stringifyEntityRef(e)} in search: ${(error as Error).message}`);
              return [];
            }
          }));
          yield batch.flat();
        }
      }
    },
    subscribe(writer: SearchIndexWriter) {
      options.onSiteBuilt(async (entityRef) => {
        const entity = await options.catalog.getEntityByRef(entityRef);
        if (!entity) return void (await writer.replaceEntity(entityRef, []));
        const documents = await documentsOf(entity);
        if (documents) await writer.replaceEntity(entityRef, documents);
      });
    },
  };
}

const enc = encodeURIComponent;
