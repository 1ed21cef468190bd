// Promotion and the guard against a real registry (Debian's docker-registry on a free loopback
// port, htpasswd login in a Docker config file), each measured against a baseline in the same run.
//
// 1. Promotion of a 2-platform image (dev-<sha7>) to the 4 tags of a version (2.0.N, 2.0, 2,
//    latest): the built action (node dist/index.js) run as the runner runs it, on a
//    workflow_dispatch with a version and `promote-from`; what it sends (requests by kind, blob
//    bytes: goal 0 bytes, at most 2 requests per tag plus auth) and its time, interleaved with
//    `skopeo copy --all` of the same image to another repository (with skopeo's blob cache cold,
//    as on a new runner, and warm) and skopeo copying it to each of the 4 tags. Every run goes
//    through a recording loopback proxy. Medians and ratios.
// 2. The guard's pre-flight (HEAD of the exact tag; floating tags are judged later, from the tag
//    list read after the exact tags are put) in-process, with the action's own modules
//    (transpiled into .tmp/bench-promote/; dist/ is left alone), against one authenticated round
//    trip to the same registry and against `skopeo inspect --raw` of one tag.
//
// The image has 40 MiB of layers by default, an application image's size: what skopeo moves
// grows with it, what a promotion sends does not.
//
//   npm run bench:registry [-- runs [MiB]]   (default 9 runs each, 40 MiB; needs a fresh dist/:
//                                             npm run package)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';

// A bench that hangs (a registry that never answers, a port taken meanwhile) must not hold CI
// until its time limit: after five minutes it says where it stood and gives up.
let stage = 'compiling src/';
setTimeout(() => {
  console.error(`bench:registry: no result after 300 s, stuck at: ${stage}`);
  process.exit(1);
}, 300_000).unref();

const runs = Number(process.argv[2] ?? 9);
const mebibytes = Number(process.argv[3] ?? 40);
if (!Number.isInteger(runs) || runs < 3 || !Number.isInteger(mebibytes) || mebibytes < 1) {
  console.error('usage: node bench/promote.mjs [runs >= 3] [MiB of layers >= 1]');
  process.exit(2);
}
const dist = resolve('dist/index.js');
if (!existsSync(dist)) {
  console.error('dist/index.js is missing: npm run package first');
  process.exit(2);
}
for (const [program, pkg] of [
  ['docker-registry', 'docker-registry'],
  ['htpasswd', 'apache2-utils'],
  ['skopeo', 'skopeo'],
  ['git', 'git'],
]) {
  if (spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program]).status !== 0) {
    console.error(`'${program}' is not installed (apt-get install ${pkg}, as .ci/run does)`);
    process.exit(2);
  }
}

// The action's own modules, each transpiled alone (no type check: that is npm run typecheck's
// business) into .tmp/bench-promote/, where their `.js` imports and node_modules resolve as in
// the source tree.
const compiled = resolve('.tmp/bench-promote');
rmSync(compiled, { recursive: true, force: true });
for (const file of readdirSync('src', { recursive: true })) {
  if (!file.endsWith('.ts')) continue;
  const { outputText } = ts.transpileModule(readFileSync(join('src', file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
    fileName: file,
  });
  mkdirSync(dirname(join(compiled, file)), { recursive: true });
  writeFileSync(join(compiled, file.replace(/\.ts$/, '.js')), outputText);
}
const load = (module) => import(pathToFileURL(join(compiled, module)).href);
const { createRegistryClient } = await load('registry/index.js');
const { planRelease } = await load('plan/plan.js');
const { preflight } = await load('publish/publish.js');

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'image-release-bench-promote-'));
const cleanups = [() => rmSync(dir, { recursive: true, force: true })];

function freePort() {
  return new Promise((ok, fail) => {
    const server = createNetServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** A child process, awaited; the proxy lives in this process, so nothing here may block. */
function runProcess(command, args, options = {}) {
  return new Promise((ok, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('error', fail);
    child.on('close', (code) => {
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`));
      else ok({ ms: elapsed, out });
    });
  });
}

async function startRegistry() {
  const user = 'bench';
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'htpasswd'),
    execFileSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' }),
  );
  writeFileSync(
    join(dir, 'registry.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      'http:',
      `  addr: ${host}`,
      'auth:',
      '  htpasswd:',
      '    realm: bench',
      `    path: ${join(dir, 'htpasswd')}`,
      '',
    ].join('\n'),
  );
  const child = spawn('docker-registry', ['serve', join(dir, 'registry.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (b) => (log += b));
  cleanups.unshift(
    () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', ok);
        child.kill('SIGTERM');
      }),
  );
  const basic = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  for (const deadline = Date.now() + 10_000; ;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log}`);
    try {
      const res = await globalThis.fetch(`http://${host}/v2/`);
      await res.arrayBuffer();
      if (res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`docker-registry did not come up: ${log}`);
    await sleep(50);
  }
  return { host, user, password, basic };
}

/**
 * A loopback proxy that records each request: method, path, status, request body bytes. Each
 * proxy is a registry name of its own to skopeo, whose blob cache is kept per registry.
 */
const proxies = new Set();
async function startProxy(upstream) {
  const [upHost, upPort] = upstream.split(':');
  const requests = [];
  const server = createServer((req, res) => {
    let sent = 0;
    req.on('data', (c) => (sent += c.length));
    const up = request(
      {
        host: upHost,
        port: Number(upPort),
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upRes) => {
        requests.push({ method: req.method, path: req.url, status: upRes.statusCode, sent });
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const proxy = {
    host: `127.0.0.1:${server.address().port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        proxies.delete(proxy);
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
  proxies.add(proxy);
  return proxy;
}
cleanups.unshift(() => Promise.all([...proxies].map((p) => p.close())));

function kindOf(r) {
  if (r.status === 401) return 'auth challenge';
  const path = r.path.split('?')[0];
  if (path === '/v2/') return `${r.method} /v2/ (ping)`;
  if (path.includes('/blobs/uploads')) return `${r.method} blob upload`;
  if (path.includes('/blobs/')) return `${r.method} blob`;
  if (path.includes('/manifests/')) return `${r.method} manifest`;
  if (path.endsWith('/tags/list')) return `${r.method} tag list`;
  return `${r.method} other`;
}

function describeRequests(requests) {
  const counts = new Map();
  for (const r of requests) counts.set(kindOf(r), (counts.get(kindOf(r)) ?? 0) + 1);
  const blobBytes = requests
    .filter((r) => r.path.includes('/blobs/uploads'))
    .reduce((n, r) => n + r.sent, 0);
  const auth = counts.get('auth challenge') ?? 0;
  const list = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return { total: requests.length, auth, blobBytes, list };
}

/**
 * A 2-platform OCI layout of about `bytes` of layers: per platform a config and two gzip layers
 * (4:1) of random bytes (gzip for real, so skopeo has nothing to convert), with an index over
 * both that carries the commit and version, as the action's multi-platform builds annotate it.
 */
function writeImage(layout, bytes, sha, version) {
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  const put = (bytes, mediaType) => {
    const digest = sha256(bytes);
    writeFileSync(join(layout, 'blobs', 'sha256', digest.slice(7)), bytes);
    return { mediaType, digest, size: bytes.length };
  };
  let size = 0;
  const manifests = ['amd64', 'arm64'].map((architecture) => {
    const raw = [randomBytes(Math.ceil(bytes * 0.4)), randomBytes(Math.ceil(bytes * 0.1))];
    const layers = raw.map((r) =>
      put(gzipSync(r, { level: 1 }), 'application/vnd.oci.image.layer.v1.tar+gzip'),
    );
    size += layers.reduce((n, l) => n + l.size, 0);
    const config = put(
      Buffer.from(
        JSON.stringify({
          architecture,
          os: 'linux',
          config: {
            Labels: {
              'org.opencontainers.image.revision': sha,
              'org.opencontainers.image.version': version,
            },
          },
          rootfs: { type: 'layers', diff_ids: raw.map(sha256) },
        }),
      ),
      'application/vnd.oci.image.config.v1+json',
    );
    const manifest = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers }),
    );
    return { ...put(manifest, OCI_MANIFEST), platform: { os: 'linux', architecture } };
  });
  const annotations = {
    'org.opencontainers.image.revision': sha,
    'org.opencontainers.image.version': version,
  };
  const index = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests, annotations }),
  );
  const top = put(index, OCI_INDEX);
  writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [top] }));
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  return { digest: top.digest, index, size };
}

/** The INPUT_ variables the runner sets: every input of action.yml, with its default. */
function inputDefaults() {
  const action = parseYaml(readFileSync(resolve('action.yml'), 'utf8'));
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => {
      const value = String(spec.default ?? '');
      return [name, value === '${{ github.token }}' ? 'ghs_benchJobTokenStandIn' : value];
    }),
  );
}

try {
  stage = 'starting docker-registry';
  const registry = await startRegistry();
  const auth = Buffer.from(`${registry.user}:${registry.password}`).toString('base64');
  const dockerConfig = join(dir, 'docker');
  mkdirSync(dockerConfig);
  const authfile = join(dockerConfig, 'config.json');
  const auths = { [registry.host]: { auth } };
  const writeAuths = () => writeFileSync(authfile, JSON.stringify({ auths }));
  writeAuths();
  /** A proxy whose login is in the Docker config (what the action and skopeo read). */
  const openProxy = async () => {
    const proxy = await startProxy(registry.host);
    auths[proxy.host] = { auth };
    writeAuths();
    return proxy;
  };

  // The checkout the workflow runs in: one commit, its sha7 in the dev tag.
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: workspace,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
  git('init', '-q');
  git(
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'init',
  );
  const sha = git('rev-parse', 'HEAD').trim();
  const devTag = `dev-${sha.slice(0, 7)}`;

  // The branch build to promote, pushed once by skopeo; then a release history on the same
  // content, so that floating tags are judged against real tags.
  const image = writeImage(join(dir, 'layout'), mebibytes * 1024 * 1024, sha, devTag);
  const skopeo = (args, env = {}) =>
    runProcess(
      'skopeo',
      [args[0], '--authfile', authfile, '--retry-times', '0', ...args.slice(1)],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } },
    );
  const tls = ['--src-tls-verify=false', '--dest-tls-verify=false'];
  await skopeo([
    'copy',
    ...tls,
    '--all',
    '--preserve-digests',
    `oci:${join(dir, 'layout')}`,
    `docker://${registry.host}/acme/app:${devTag}`,
  ]);
  const seeding = createRegistryClient({ dockerConfigDir: dockerConfig, env: {} });
  const app = seeding.repository(`${registry.host}/acme/app`);
  const history = [];
  for (let minor = 0; minor < 10; minor++)
    for (let p = 0; p < 3; p++) history.push(`1.${minor}.${p}`);
  history.push('1.9', '1', 'latest');
  for (const tag of history)
    await app.putManifest(tag, { mediaType: OCI_INDEX, bytes: image.index });

  const defaults = inputDefaults();
  const home = join(dir, 'home');
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(home);
  mkdirSync(runnerTemp);
  /** node dist/index.js with the environment the runner gives it, promoting to `version`. */
  const promote = async (host, version) => {
    const eventPath = join(dir, 'event.json');
    const outputPath = join(dir, 'output');
    writeFileSync(
      eventPath,
      JSON.stringify({
        ref: 'refs/heads/main',
        inputs: { version },
        repository: {
          name: 'app',
          full_name: 'acme/app',
          owner: { login: 'acme' },
          html_url: 'https://github.com/acme/app',
        },
        sender: { login: 'bench' },
        workflow: '.github/workflows/release.yml',
      }),
    );
    writeFileSync(outputPath, '');
    writeFileSync(join(dir, 'summary'), '');
    const inputs = {
      ...defaults,
      images: `${host}/acme/app`,
      'promote-from': devTag,
      // The GitHub release of the version needs the API and is not what is measured here.
      ...('release' in defaults && { release: 'false' }),
    };
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: sha,
      GITHUB_ACTOR: 'bench',
      RUNNER_TEMP: runnerTemp,
      DOCKER_CONFIG: dockerConfig,
      ...Object.fromEntries(
        Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
      ),
    };
    const result = await runProcess(process.execPath, [dist], { cwd: workspace, env });
    const output = readFileSync(outputPath, 'utf8');
    if (!output.includes(image.digest)) {
      throw new Error(`the promotion to ${version} did not output ${image.digest}:\n${result.out}`);
    }
    return result.ms;
  };
  const copyAway = (host, repository, tag) =>
    skopeo([
      'copy',
      ...tls,
      '--all',
      '--preserve-digests',
      `docker://${host}/acme/app:${devTag}`,
      `docker://${host}/${repository}:${tag}`,
    ]);

  // Every timed run goes through a recording proxy, so what it sent is known. The warm proxy
  // is one registry name for all runs: after the warm-up, skopeo's blob cache knows where the
  // blobs are and mounts them. Each run's fresh proxy is a name skopeo has never seen, as on a
  // new runner: it pulls every blob and pushes it again.
  const warm = await openProxy();
  await promote(warm.host, '2.0.0');
  await copyAway(warm.host, 'acme/warm-up', 'latest');
  await runProcess(process.execPath, ['-e', '']);

  const times = { action: [], cold: [], warm: [], each: [], node: [] };
  const wire = {};
  const measure = async (proxy, key, fn) => {
    proxy.requests.length = 0;
    times[key].push(await fn());
    wire[key] = describeRequests(proxy.requests);
  };
  for (let i = 1; i <= runs; i++) {
    stage = `promotion run ${i} of ${runs}`;
    const version = `2.0.${i}`;
    const fresh = await openProxy();
    await measure(fresh, 'action', () => promote(fresh.host, version));
    await measure(
      fresh,
      'cold',
      async () => (await copyAway(fresh.host, `acme/cold-${i}`, version)).ms,
    );
    await measure(
      warm,
      'warm',
      async () => (await copyAway(warm.host, `acme/warm-${i}`, version)).ms,
    );
    await measure(warm, 'each', async () => {
      let total = 0;
      for (const tag of [version, '2.0', '2', 'latest'])
        total += (await copyAway(warm.host, `acme/tags-${i}`, tag)).ms;
      return total;
    });
    times.node.push((await runProcess(process.execPath, ['-e', ''])).ms);
    await fresh.close();
  }
  const tags = await app.listTags();
  for (const t of [`2.0.${runs}`, '2.0', '2', 'latest']) {
    const head = await app.headManifest(t);
    if (head?.digest !== image.digest) throw new Error(`${t} is not on the promoted digest`);
  }

  // The guard's pre-flight for a new version, in-process against the registry itself.
  const event = {
    name: 'workflow_dispatch',
    ref: 'refs/heads/main',
    sha,
    repository: { owner: 'acme', name: 'app', htmlUrl: 'https://github.com/acme/app' },
  };
  const plan = planRelease(
    {
      images: [`${registry.host}/acme/app`],
      version: '2.1.0',
      latest: 'auto',
      extraTags: [],
      labels: [],
      annotations: [],
      buildArgs: [],
      platforms: [],
    },
    { event, publishedTags: [], now: new Date(0) },
  );
  const expected = { kind: 'digest', digest: image.digest };
  const guard = async (client) => {
    const start = process.hrtime.bigint();
    const before = client.stats.requests;
    const targets = [{ image: plan.images[0], repo: client.repository(plan.images[0]) }];
    await preflight(targets, plan, { latest: 'auto', overwrite: false, expected });
    return {
      ms: Number(process.hrtime.bigint() - start) / 1e6,
      requests: client.stats.requests - before,
    };
  };
  const newClient = () => createRegistryClient({ dockerConfigDir: dockerConfig, env: {} });
  const warmClient = newClient();
  await guard(warmClient);
  const roundTrip = async () => {
    const start = process.hrtime.bigint();
    const res = await globalThis.fetch(`http://${registry.host}/v2/`, {
      headers: { authorization: registry.basic },
    });
    await res.arrayBuffer();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const guardTimes = { cold: [], warm: [], trip: [], listTags: [] };
  let coldRequests = 0;
  let warmRequests = 0;
  for (let i = 0; i < Math.max(runs, 15); i++) {
    stage = `guard run ${i + 1}`;
    const cold = await guard(newClient());
    guardTimes.cold.push(cold.ms);
    coldRequests = cold.requests;
    const warm = await guard(warmClient);
    guardTimes.warm.push(warm.ms);
    warmRequests = warm.requests;
    guardTimes.trip.push(await roundTrip());
    guardTimes.listTags.push(
      (
        await skopeo([
          'inspect',
          '--raw',
          '--tls-verify=false',
          `docker://${registry.host}/acme/app:${devTag}`,
        ])
      ).ms,
    );
  }

  const mib = (image.size / 1024 / 1024).toFixed(1);
  const line = (label, value, extra = '') => console.log(`  ${label.padEnd(72)} ${value}${extra}`);
  console.log(
    `node ${process.version}, ${runs} runs each, interleaved; docker-registry 2.8 on ${registry.host} (htpasswd), each run through a recording loopback proxy`,
  );
  console.log(
    `image: ${devTag}, an index of 2 platforms, ${mib} MiB of layers; the repository holds ${tags.length} tags`,
  );
  console.log('');
  const promoted = wire.action;
  const budget = 2 * 4 + promoted.auth;
  console.log(
    `promotion to 2.0.N, 2.0, 2, latest: node dist/index.js on a workflow_dispatch, promote-from ${devTag}`,
  );
  console.log(`  requests: ${promoted.total} (${promoted.list})`);
  console.log(
    `    goal: at most 2 per tag plus auth = ${budget} -> ${promoted.total <= budget ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  blob bytes sent: ${promoted.blobBytes} (goal 0) -> ${promoted.blobBytes === 0 ? 'met' : 'MISSED'}`,
  );
  console.log('');
  const a = median(times.action);
  const rows = [
    ['cold', 'skopeo copy --all to another repository, cold blob cache'],
    ['warm', 'skopeo copy --all to another repository, warm (mounts)'],
    ['each', 'skopeo copy --all to each of the 4 tags, warm'],
  ];
  console.log('time (median), requests and blob bytes sent of the last run:');
  line(
    'action promotion to 4 tags (a whole node process)',
    ms(a),
    `   ${promoted.total} requests, ${promoted.blobBytes} bytes`,
  );
  for (const [key, label] of rows) {
    const m = median(times[key]);
    line(
      label,
      ms(m),
      `   ${wire[key].total} requests, ${wire[key].blobBytes} bytes; action / this = ${(a / m).toFixed(2)}`,
    );
  }
  line("node -e '' (process start, part of the action's time)", ms(median(times.node)));
  for (const [key, label] of rows) console.log(`  ${label}: ${wire[key].list}`);
  console.log('');
  const w = median(guardTimes.warm);
  const t = median(guardTimes.trip);
  const l = median(guardTimes.listTags);
  console.log(
    `guard pre-flight of 2.1.0 (HEAD of the exact tag), in-process, straight to the registry, ${guardTimes.cold.length} runs, medians:`,
  );
  line(
    `new client, as in each action run (${coldRequests} requests with the auth challenge)`,
    ms(median(guardTimes.cold)),
  );
  line(`client already logged in (${warmRequests} requests)`, ms(w));
  line(
    'one authenticated GET /v2/ round trip (fetch)',
    ms(t),
    `   guard = ${(w / t).toFixed(1)} round trips`,
  );
  line(
    'skopeo inspect --raw of one tag (a process)',
    ms(l),
    `   guard / this = ${(w / l).toFixed(2)}`,
  );
} finally {
  for (const cleanup of cleanups) await cleanup();
}
