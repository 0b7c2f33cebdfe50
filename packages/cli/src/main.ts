import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
// Commands are imported when run: `docs build` should not load the whole backend (PGlite, Fastify).

const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

const HELP = `Usage: atrium <command> [options]

Commands:
  start                 Start the portal (backend, frontend and plugins)
  validate [FILES]...   Check catalog descriptor files (paths or quoted globs, default
                        catalog-info.yaml); exit 1 listing file:line, field and message
  docs build            Build MkDocs docs (mkdocs.yml + docs/) into a static site, natively
  docs publish          Upload docs to a running Atrium for an entity (from CI)

Options for start:
  --config FILE   A config file merged over the app's app-config.yaml; repeat for more (later wins)
  --port N        Port to listen on (overrides backend.listen.port)
  --app DIR       The app folder (default: the current folder)

Options for validate:
  --format text|json   Output for people (default) or machines

Options for docs build / docs publish:
  --source DIR    The folder with mkdocs.yml (default: the current folder)
  --out DIR       build: where the site is written (default: ./site)
  --strict        build: exit 1 when there are warnings (broken links, missing nav pages...)
  --cache DIR     build: keep rendered pages here so unchanged pages are not rendered again
                  (default: $XDG_CACHE_HOME/atrium/docs or ~/.cache/atrium/docs)
  --no-cache      build: render every page and keep no pages (the CLI's own compiled code is
                  still kept, in $XDG_CACHE_HOME/atrium/code; ATRIUM_NO_CODE_CACHE=1 turns
                  that off)
  --url URL       publish: the portal's base URL
  --entity REF    publish: the entity the docs belong to, e.g. component:default/my-service
  --token TOKEN   publish: a token (or set ATRIUM_TOKEN, which keeps it out of process lists)
  --site DIR      publish: upload a folder "docs build" wrote instead of building

General:
  -h, --help      Show this help
  -v, --version   Show the version
  --debug         Print stack traces for errors
`;

/** Runs the CLI; returns the exit code. Errors are one clear line unless --debug. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        debug: { type: 'boolean' },
        config: { type: 'string', multiple: true },
        port: { type: 'string' },
        app: { type: 'string' },
        format: { type: 'string' },
        source: { type: 'string' },
        out: { type: 'string' },
        strict: { type: 'boolean' },
        url: { type: 'string' },
        entity: { type: 'string' },
        token: { type: 'string' },
        site: { type: 'string' },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean' },
      },
    });
    if (values.version) {
      console.log(VERSION);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      console.log(HELP);
      return values.help ? 0 : 1;
    }
    if (command === 'validate') {
      const format = values.format ?? 'text';
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be "text" or "json", got "${format}"`);
      const { validateCommand } = await import('./commands/validate.js');
      return await validateCommand({ patterns: rest, format });
    }
    if (command === 'docs') {
      const [sub, ...extra] = rest;
      if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
      if (sub !== 'build' && sub !== 'publish') throw new UsageError(sub ? `unknown docs command "${sub}" (use "docs build" or "docs publish")` : 'docs needs a command: "docs build" or "docs publish"');
      const { loadDocsCommands } = await import('./commands/loadDocs.js');
      const { commands, save } = await loadDocsCommands();
      try {
        if (sub === 'build') return await commands.docsBuildCommand({ source: values.source, out: values.out, strict: values.strict, cache: values['no-cache'] ? false : values.cache });
        return await commands.docsPublishCommand({ url: values.url, token: values.token, entity: values.entity, source: values.source, site: values.site });
      } finally {
        save();
      }
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    switch (command) {
      case 'start': {
        let port: number | undefined;
        if (values.port !== undefined) {
          port = Number(values.port);
          if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
        }
        const { startCommand } = await import('./commands/start.js');
        return await startCommand({ configFiles: values.config ?? [], port, appDir: values.app });
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    return reportError(e, debug);
  }
}

class UsageError extends Error {}

function reportError(e: unknown, debug: boolean): number {
  const err = e as Error & { code?: string };
  if (e instanceof UsageError || err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    console.error(`atrium: ${err.message.split('\n')[0]!.split('. To specify')[0]}. Run "atrium --help" for usage.`);
    return 2;
  }
  // AtriumError's codes are ATRIUM_ERR_*; checked by shape so this file need not load the backend.
  const known = (typeof err.code === 'string' && err.code.startsWith('ATRIUM_ERR_')) || err.name === 'DocsBuildError';
  console.error(`atrium: ${known ? err.message : `unexpected error: ${err.message}`}`);
  if (debug) console.error(err.stack);
  return 1;
}
