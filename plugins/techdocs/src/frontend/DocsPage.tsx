import { Anchor, Breadcrumbs } from '@mantine/core';
import { Page, entityRoute } from '@atrium/frontend';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSiteStatus, type SiteRef } from './api';
import { DocsIndexPage } from './DocsIndexPage';
import { DocsReader } from './DocsReader';
import { parseDocsPath } from './prefetch';

/** `/docs` lists documented entities; `/docs/:namespace/:kind/:name/<page>#<heading>` reads one (Backstage's paths). */
export function DocsPage() {
  const { pathname } = useLocation();
  const parsed = parseDocsPath(pathname);
  if (!parsed) return <DocsIndexPage />;
  return <SiteDocsPage site={parsed.site} pagePath={parsed.pagePath} />;
}

function SiteDocsPage({ site, pagePath }: { site: SiteRef; pagePath: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const status = useSiteStatus(site, 0);
  const base = `/docs/${encodeURIComponent(site.namespace)}/${encodeURIComponent(site.kind)}/${encodeURIComponent(site.name)}/`;
  const ref = `${site.kind}:${site.namespace}/${site.name}`;
  const title = status.data?.current?.siteName || site.name;
  return (
    <Page
      title={title}
      documentTitle={`${title} · Docs`}
      eyebrow={<Breadcrumbs mb={4}><Anchor component={Link} to="/docs" size="sm">Docs</Anchor><Anchor component={Link} to={entityRoute(ref)} size="sm">{ref}</Anchor></Breadcrumbs>}
    >
      <DocsReader
        site={site}
        pagePath={pagePath}
        hash={location.hash.slice(1)}
        onNavigate={(path, hash) => void navigate(`${base}${path.split('/').map(encodeURIComponent).join('/')}${hash ? `#${hash}` : ''}`)}
      />
    </Page>
  );
}

export default DocsPage;
