/**
 * Code evaluated inside the isolate, after the nunjucks browser bundle. It is plain JavaScript in a
 * string because it runs in another V8 heap: nothing from the host (fs, process, require) exists there.
 * Data comes in as one JSON string and leaves as one, so no host object is ever reachable.
 */
export const SANDBOX_SOURCE = String.raw`
(function () {
  function parseRepoUrl(value) {
    if (typeof value !== 'string') throw new Error('parseRepoUrl expects a string like host?owner=o&repo=r');
    var q = value.indexOf('?');
    if (q <= 0) throw new Error('Invalid repo URL "' + value + '": expected <host>?owner=<owner>&repo=<repo>');
    var out = { host: value.slice(0, q) };
    value.slice(q + 1).split('&').forEach(function (pair) {
      var eq = pair.indexOf('=');
      var k = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      var v = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (['owner', 'repo', 'organization', 'workspace', 'project'].indexOf(k) >= 0 && v) out[k] = v;
    });
    if (!out.repo) throw new Error('Invalid repo URL "' + value + '": missing repo');
    return out;
  }
  function parseEntityRef(ref, ctx) {
    if (typeof ref !== 'string' || !ref) throw new Error('parseEntityRef expects an entity reference string');
    ctx = ctx || {};
    var colon = ref.indexOf(':'), slash = ref.indexOf('/');
    var kind = colon > 0 && (slash < 0 || colon < slash) ? ref.slice(0, colon) : ctx.defaultKind;
    var rest = colon > 0 && (slash < 0 || colon < slash) ? ref.slice(colon + 1) : ref;
    var s = rest.indexOf('/');
    var namespace = s >= 0 ? rest.slice(0, s) : (ctx.defaultNamespace || 'default');
    var name = s >= 0 ? rest.slice(s + 1) : rest;
    if (!kind) throw new Error('Entity reference "' + ref + '" has no kind and no defaultKind was given');
    if (!name) throw new Error('Entity reference "' + ref + '" has no name');
    return { kind: kind, namespace: namespace, name: name };
  }
  function pick(obj, path) {
    return String(path).split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, obj);
  }
  function projectSlug(repoUrl) {
    var p = parseRepoUrl(repoUrl);
    return (p.owner || p.organization || p.workspace || p.project) + '/' + p.repo;
  }
  // Names a template might reach for to get at the host. Each throws a clear message instead of
  // silently rendering empty, so such a template fails loudly.
  function forbidden(name) {
    var message = '"' + name + '" is not available in templates: they run in a sandbox without file system, environment or network access';
    return new Proxy(function () {}, {
      get: function () { throw new Error(message); },
      apply: function () { throw new Error(message); },
      construct: function () { throw new Error(message); },
    });
  }
  var FORBIDDEN = ['process', 'require', 'module', 'global', 'globalThis', 'fs', 'env', 'Buffer', 'fetch', 'import', 'eval', 'Function'];

  function makeEnv(opts) {
    var tags = opts.cookiecutterCompat ? {} : { variableStart: '$' + '{{', variableEnd: '}}' };
    var env = new nunjucks.Environment([], {
      autoescape: false, throwOnUndefined: false, trimBlocks: !!opts.trimBlocks, lstripBlocks: !!opts.lstripBlocks, tags: tags,
    });
    env.addFilter('parseRepoUrl', parseRepoUrl);
    env.addFilter('parseEntityRef', parseEntityRef);
    env.addFilter('pick', pick);
    env.addFilter('projectSlug', projectSlug);
    env.addFilter('jsonify', function (v) { return JSON.stringify(v); });
    FORBIDDEN.forEach(function (name) { env.addGlobal(name, forbidden(name)); });
    return env;
  }
  var envs = {};
  function envFor(opts) {
    var key = [!!opts.cookiecutterCompat, !!opts.trimBlocks, !!opts.lstripBlocks].join();
    return envs[key] || (envs[key] = makeEnv(opts));
  }

  // payload: { templates: string[], context: object, options: {...}, mode: 'render' | 'check' }
  // answer: { results: Array<{ ok: string } | { error: string }> }
  globalThis.__atriumRender = function (payloadJson) {
    var payload = JSON.parse(payloadJson);
    var env = envFor(payload.options || {});
    var context = payload.context || {};
    if (payload.options && payload.options.cookiecutterCompat) context = Object.assign({ cookiecutter: context.values || {} }, context);
    var results = payload.templates.map(function (source) {
      try {
        if (payload.mode === 'check') { new nunjucks.Template(source, env, undefined, true); return { ok: '' }; }
        return { ok: env.renderString(source, context) };
      } catch (e) {
        var msg = e && e.message ? String(e.message) : String(e);
        return { error: msg.replace(/^\(unknown path\)\s*/, '').replace(/\s+/g, ' ').trim() };
      }
    });
    return JSON.stringify({ results: results });
  };
})();
`;
