import { spawn, execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One request the server answered; tests count fetches (`service === 'git-upload-pack' && method === 'POST'`). */
export interface GitServerRequest {
  method: string;
  path: string;
  service?: string;
  authorization?: string;
}

export interface GitServer {
  /** `http://127.0.0.1:PORT`; a repo named `acme/web` is served at `<url>/acme/web`. */
  readonly url: string;
  /** Folder holding the bare repos (`<name>.git`). */
  readonly root: string;
  /** Every request so far, oldest first; reset with `requests.length = 0`. */
  readonly requests: GitServerRequest[];
  /** Creates a bare repo with one commit holding `files` on `branch` (default `main`, also HEAD). */
  createRepo(name: string, files: Record<string, string>, options?: { branch?: string }): Promise<{ url: string; commit: string }>;
  /**
   * Adds a commit on top of `branch` (default: the repo's HEAD branch); a new branch starts from HEAD.
   * Files are added or overwritten; others stay. Returns the commit sha.
   */
  commit(name: string, files: Record<string, string>, message?: string, options?: { branch?: string }): Promise<string>;
  /** Runs the git CLI inside the bare repo (e.g. `['tag', 'v1', sha]`); resolves with trimmed stdout. */
  git(name: string, args: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface GitServerOptions {
  /** Folder for the bare repos; a new temp folder (removed on close) when omitted. */
  root?: string;
  /** When set, every request must carry these HTTP Basic credentials (401 otherwise). */
  auth?: { username: string; password: string };
}

/**
 * A real git smart-HTTP server for tests: Node http bridged to the `git http-backend` CGI on
 * 127.0.0.1. isomorphic-git cannot clone `file://`, so readers need this. Every git child process is
 * async: a sync call would block the loop that serves it and deadlock (stack.md gotcha 22).
 */
export async function startGitServer(options: GitServerOptions = {}): Promise<GitServer> {
  const scratch = await mkdtemp(join(tmpdir(), 'atrium-git-server-'));
  const root = options.root ?? join(scratch, 'repos');
  await mkdir(root, { recursive: true });
  // A clean environment so the machine's ~/.gitconfig and /etc/gitconfig cannot change behaviour.
  const home = join(scratch, 'home');
  await mkdir(home, { recursive: true });
  const gitEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    LANG: 'C',
  };
  const requests: GitServerRequest[] = [];
  const expectedAuth = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : undefined;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      service: url.searchParams.get('service') ?? /\/(git-[a-z-]+)$/.exec(url.pathname)?.[1],
      ...(req.headers.authorization && { authorization: req.headers.authorization }),
    });
    if (expectedAuth && req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="atrium-test"' }).end();
      return;
    }
    bridgeToHttpBackend(req, res, url, { ...gitEnv, GIT_PROJECT_ROOT: root });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const repoDir = (name: string) => join(root, `${name}.git`);
  const git = (name: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
    runGit(['-C', repoDir(name), ...args], { ...gitEnv, ...env });

  async function commit(name: string, files: Record<string, string>, message = 'update', opts: { branch?: string } = {}) {
    const branch = opts.branch ?? (await git(name, ['symbolic-ref', '--short', 'HEAD']));
    const parent = (await git(name, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).catch(() => ''))
      || (await git(name, ['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => ''));
    // Plumbing with a throw-away index and work tree, so bare repos need no checkout.
    const work = await mkdtemp(join(scratch, 'work-'));
    const env = { GIT_INDEX_FILE: join(work, '.index') };
    try {
      if (parent) await git(name, ['read-tree', parent], env);
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(work, path)), { recursive: true });
        await writeFile(join(work, path), content);
      }
      await git(name, ['--work-tree', work, 'add', '--', ...Object.keys(files)], env);
      const tree = await git(name, ['write-tree'], env);
      const sha = await git(name, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], env);
      await git(name, ['update-ref', `refs/heads/${branch}`, sha]);
      return sha;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  return {
    url: baseUrl,
    root,
    requests,
    async createRepo(name, files, createOptions = {}) {
      const branch = createOptions.branch ?? 'main';
      await mkdir(dirname(repoDir(name)), { recursive: true });
      await runGit(['init', '--quiet', '--bare', `--initial-branch=${branch}`, repoDir(name)], gitEnv);
      // Lets clients fetch a commit by sha (not just branch tips), as GitHub and GitLab allow.
      await git(name, ['config', 'uploadpack.allowReachableSHA1InWant', 'true']);
      await git(name, ['config', 'http.receivepack', 'true']);
      const sha = await commit(name, files, 'initial commit', { branch });
      return { url: `${baseUrl}/${name}`, commit: sha };
    },
    commit,
    git: (name, args) => git(name, args),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

function runGit(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const identity = ['-c', 'user.name=Atrium Test', '-c', 'user.email=test@atrium.invalid', '-c', 'init.defaultBranch=main'];
  return new Promise((resolve, reject) => {
    execFile('git', [...identity, ...args], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

/** Runs `git http-backend` as a CGI: request → env + stdin, CGI headers + body on stdout → response. */
function bridgeToHttpBackend(req: IncomingMessage, res: ServerResponse, url: URL, baseEnv: NodeJS.ProcessEnv) {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    GIT_HTTP_EXPORT_ALL: '1',
    // http-backend refuses receive-pack (push) to anonymous users.
    REMOTE_USER: 'tester',
    REMOTE_ADDR: '127.0.0.1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: header('content-type'),
    HTTP_CONTENT_ENCODING: header('content-encoding'),
    GIT_PROTOCOL: header('git-protocol'),
    ...(req.headers['content-length'] && { CONTENT_LENGTH: header('content-length') }),
  };
  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(cgi.stdin);
  cgi.stdin.on('error', () => {}); // the CGI may exit before reading everything (e.g. a 404)
  let head = Buffer.alloc(0);
  let headersSent = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'status') status = Number.parseInt(value, 10);
      else if (key) headers[key] = value;
    }
    res.writeHead(status, headers);
    headersSent = true;
    res.write(head.subarray(end + 4));
  });
  let stderr = '';
  cgi.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  cgi.on('close', (code) => {
    if (!headersSent) res.writeHead(code === 0 ? 200 : 500, { 'content-type': 'text/plain' }).write(stderr);
    res.end();
  });
}
