// A search corpus at scale: the catalog generator's organisation as `software-catalog` documents
// (through the collator's own mapping) and TechDocs-like pages with realistic technical prose.
import { generateOrg } from '../catalog/generateOrg.mjs';

const WORDS = ('deploy rollback latency throughput kafka consumer producer partition retry timeout circuit breaker cache redis postgres ' +
  'migration schema index query replica failover alert oncall runbook dashboard metrics tracing logging budget quota ' +
  'authentication token oauth session cookie payment invoice refund ledger playlist playback stream codec bitrate ' +
  'recommendation model training feature pipeline batch airflow spark terraform kubernetes helm ingress gateway ' +
  'certificate secret vault configuration release canary feature-flag experiment rollout incident postmortem capacity').split(' ');
const HEADINGS = ['Overview', 'Getting started', 'Architecture', 'Runbook', 'Deployment', 'Monitoring', 'Troubleshooting', 'API', 'Configuration', 'FAQ'];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** `entities` catalog documents and `pages` docs pages (spread over the components), deterministic. */
export function buildCorpus({ entities, pages }, entityToDocument) {
  const rand = rng(7);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const org = generateOrg(entities).map((e) => {
    const owner = e.spec?.owner ? `group:default/${e.spec.owner}` : undefined;
    return entityToDocument({ ...e, relations: owner ? [{ type: 'ownedBy', targetRef: owner }] : [] });
  });
  const components = org.filter((d) => d.kind === 'Component');
  const docs = [];
  for (let i = 0; i < pages; i++) {
    const c = components[i % components.length];
    const heading = HEADINGS[Math.floor(i / components.length) % HEADINGS.length];
    const text = Array.from({ length: 120 + Math.floor(rand() * 200) }, () => pick(WORDS)).join(' ');
    docs.push({
      title: heading, text, location: `/docs/default/component/${c.name}/${heading.toLowerCase().replace(/ /g, '-')}/`,
      entityRef: c.entityRef, entityTitle: c.title, kind: 'Component', namespace: 'default', name: c.name,
      owner: c.owner, lifecycle: c.lifecycle, type: c.type, path: `${heading}`,
    });
  }
  return { catalog: org, docs };
}

/** Queries a portal gets: names, prefixes as typed, words, typos, filters, browsing. */
export function queryMix(n) {
  return [
    `term=component-${Math.floor(n / 3)}`, 'term=compon', 'term=component%2042', 'term=kafka', 'term=payments',
    'term=servce', 'term=playbak%20strem', 'term=rollback%20runbook', 'term=team-12', 'term=user%2012',
    'term=latency&types%5B0%5D=techdocs', 'term=deploy&filters%5Bkind%5D=Component&filters%5Blifecycle%5D=production',
    'term=api&filters%5Bowner%5D=group%3Adefault%2Fteam-3', 'term=&filters%5Bkind%5D=API', 'term=%22circuit%20breaker%22',
    'term=tier-1%20java', 'term=p', 'term=pa', 'term=pay', 'term=incident%20-postmortem',
  ].map((q) => `${q}&pageLimit=25`);
}
