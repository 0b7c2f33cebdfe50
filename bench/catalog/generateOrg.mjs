// Generates a realistic organisation of about N entities: a group tree with users, domains and
// systems, components (services, websites, libraries, pipelines, models) that own, provide and
// consume APIs and depend on resources and each other. Deterministic for a given N (seeded).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateOrg(n, seed = 42) {
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const meta = (name, extra = {}) => ({ name, ...extra });
  const e = (kind, name, spec, metadata = {}) => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: meta(name, metadata), spec });
  // Shares of the catalog, as seen in real catalogs: mostly components and people.
  const nGroups = Math.max(3, Math.round(n * 0.02)), nUsers = Math.round(n * 0.25), nDomains = Math.max(1, Math.round(n * 0.002));
  const nSystems = Math.max(2, Math.round(n * 0.02)), nApis = Math.round(n * 0.15), nResources = Math.round(n * 0.08);
  const nComponents = Math.max(1, n - nGroups - nUsers - nDomains - nSystems - nApis - nResources);
  const out = [];
  const groups = Array.from({ length: nGroups }, (_, i) => `team-${i}`);
  const parentOf = (i) => (i === 0 ? undefined : groups[Math.floor((i - 1) / 4)]);
  const members = new Map(groups.map((g) => [g, []]));
  const users = Array.from({ length: nUsers }, (_, i) => `user-${i}`);
  for (const u of users) members.get(pick(groups.slice(1).length ? groups.slice(1) : groups)).push(u);
  groups.forEach((g, i) => out.push(e('Group', g, {
    type: i === 0 ? 'business-unit' : 'team',
    ...(parentOf(i) ? { parent: parentOf(i) } : {}),
    children: groups.filter((_, j) => parentOf(j) === g),
    profile: { displayName: `Team ${i}`, email: `${g}@example.com` },
  }, { description: `Team ${i} builds and runs part of the platform` })));
  for (const [g, us] of members) for (const u of us) out.push(e('User', u, { memberOf: [g], profile: { displayName: `User ${u.slice(5)}`, email: `${u}@example.com` } }));
  const domains = Array.from({ length: nDomains }, (_, i) => `domain-${i}`);
  domains.forEach((d) => out.push(e('Domain', d, { owner: pick(groups) })));
  const systems = Array.from({ length: nSystems }, (_, i) => `system-${i}`);
  systems.forEach((s) => out.push(e('System', s, { owner: pick(groups), domain: pick(domains) })));
  const apis = Array.from({ length: nApis }, (_, i) => `api-${i}`);
  apis.forEach((a) => out.push(e('API', a, { type: pick(['openapi', 'openapi', 'asyncapi', 'graphql', 'grpc']), lifecycle: pick(['production', 'experimental']), owner: pick(groups), system: pick(systems), definition: 'openapi: 3.0.0\ninfo: { title: x, version: 1.0.0 }\npaths: {}\n' })));
  const resources = Array.from({ length: nResources }, (_, i) => `resource-${i}`);
  resources.forEach((r) => out.push(e('Resource', r, { type: pick(['database', 's3-bucket', 'kafka-topic', 'redis']), owner: pick(groups), system: pick(systems) })));
  const components = Array.from({ length: nComponents }, (_, i) => `component-${i}`);
  components.forEach((c, i) => out.push(e('Component', c, {
    type: pick(['service', 'service', 'service', 'website', 'library', 'data-pipeline', 'ml-model']),
    lifecycle: pick(['production', 'production', 'experimental', 'deprecated']),
    owner: pick(groups),
    system: pick(systems),
    ...(apis.length ? { providesApis: [pick(apis)], consumesApis: [pick(apis), pick(apis)] } : {}),
    dependsOn: [`resource:${pick(resources) ?? 'none'}`, ...(i > 0 ? [`component:${components[Math.floor(rand() * i)]}`] : [])],
  }, { description: `Component ${i} does something useful for ${pick(domains)}`, tags: [pick(['java', 'go', 'typescript', 'python']), pick(['tier-1', 'tier-2', 'tier-3'])] })));
  return out;
}

/** Writes the org as YAML files of up to `perFile` entities and an all.yaml Location listing them. */
export async function writeOrg(dir, entities, perFile = 500) {
  const YAML = (await import('yaml')).default;
  mkdirSync(dir, { recursive: true });
  const targets = [];
  for (let i = 0; i < entities.length; i += perFile) {
    const name = `entities-${String(i / perFile).padStart(4, '0')}.yaml`;
    writeFileSync(join(dir, name), entities.slice(i, i + perFile).map((x) => YAML.stringify(x)).join('---\n'));
    targets.push(`./${name}`);
  }
  writeFileSync(join(dir, 'all.yaml'), YAML.stringify({ apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'generated-org' }, spec: { targets } }));
  return join(dir, 'all.yaml');
}
