import { Anchor, Breadcrumbs } from '@mantine/core';
import { Page, entityRoute } from '@atrium/frontend';
import { Link, useLocation, useNavigate } from 'react-router';
import { DocsIndexPage } from './DocsIndexPage';
import { DocsReader } from './DocsReader';

/** `/docs` lists documented entities; `/docs/:namespace/:kind/:name/<page>#<heading>` reads one (Backstage's paths). */
export function DocsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const m = /^\/docs\/([^/]+)\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(location.pathname);
  if (!m) return <DocsIndexPage />;
  const [, namespace, kind, name, rest = ''] = m.map((p) => (p === undefined ? p : decodeURIComponent(p)));
  const site = { namespace: namespace!, kind: kind!, name: name! };
  const base = `/docs/${encodeURIComponent(site.namespace)}/${encodeURIComponent(site.kind)}/${encodeURIComponent(site.name)}/`;
  const ref = `${site.kind}:${site.namespace}/${site.name}`;
  return (
    <Page
      title={site.name}
      documentTitle={`Docs · ${site.name}`}
      eyebrow={<Breadcrumbs mb={4}><Anchor component={Link} to="/docs" size="sm">Docs</Anchor><Anchor component={Link} to={entityRoute(ref)} size="sm">{ref}</Anchor></Breadcrumbs>}
    >
      <DocsReader
        site={site}
        pagePath={rest}
        hash={location.hash.slice(1)}
        onNavigate={(path, hash) => void navigate(`${base}${path.split('/').map(encodeURIComponent).join('/')}${hash ? `#${hash}` : ''}`)}
      />
    </Page>
  );
}

export default DocsPage;
