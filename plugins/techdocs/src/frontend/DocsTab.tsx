import { parseEntityRef } from '@atrium/model';
import type { EntityComponentProps } from '@atrium/frontend';
import { TECHDOCS_ENTITY_ANNOTATION } from '@atrium/plugin-techdocs/common';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { DocsReader } from './DocsReader';

/**
 * The Docs tab of an entity: the reader, with the page in the URL (`?page=guide/`) so it can be shared.
 * An entity pointing at another's docs (`backstage.io/techdocs-entity`) shows those.
 */
export function DocsTab({ entity }: EntityComponentProps) {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const other = entity.metadata.annotations?.[TECHDOCS_ENTITY_ANNOTATION];
  const ref = other ? parseEntityRef(other, { defaultNamespace: entity.metadata.namespace ?? 'default' }) : { kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name };
  const site = { kind: ref.kind.toLowerCase(), namespace: ref.namespace.toLowerCase(), name: ref.name.toLowerCase() };
  return (
    <DocsReader
      showSiteName
      site={site}
      pagePath={params.get('page') ?? ''}
      hash={location.hash.slice(1)}
      onNavigate={(path, hash) => {
        const q = new URLSearchParams(params);
        if (path) q.set('page', path); else q.delete('page');
        void navigate(`${location.pathname}${q.size ? `?${q.toString()}` : ''}${hash ? `#${hash}` : ''}`);
      }}
    />
  );
}

export default DocsTab;
