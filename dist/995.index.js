export const id = 995;
export const ids = [995];
export const modules = {

/***/ 1995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publish: () => (/* binding */ publish)
});

// UNUSED EXPORTS: cacheScope, shouldPush

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/plan/labels.ts
var labels = __webpack_require__(3848);
;// CONCATENATED MODULE: ./src/build/annotations.ts


const PREFIX = /^([a-z-]+(?:,[a-z-]+)*)(?:\[([^\]]*)\])?:/;
/**
 * Reads an annotation line in buildx's syntax, `[level[,level…][\[platform\]]:]key=value`. A
 * prefix whose words are not all levels is part of the key, as buildx reads it.
 */
function parseAnnotation(line) {
    let rest = line;
    let levels = ['manifest'];
    let platform;
    const m = PREFIX.exec(line);
    const words = m?.[1]?.split(',') ?? [];
    if (m && words.every((w) => labels/* ANNOTATION_LEVELS */.CJ.includes(w))) {
        levels = words;
        platform = m[2];
        rest = line.slice(m[0].length);
    }
    const eq = rest.indexOf('=');
    if (eq <= 0) {
        throw new errors/* UsageError */.e('annotations', `'${line}' is not of the form [level:]key=value (levels: ${labels/* ANNOTATION_LEVELS */.CJ.join(', ')})`);
    }
    return {
        levels,
        ...(platform !== undefined && platform !== '' && { platform }),
        key: rest.slice(0, eq),
        value: rest.slice(eq + 1),
    };
}
function annotationsByLevel(annotations) {
    const out = {
        manifest: {},
        index: {},
        'manifest-descriptor': {},
        'index-descriptor': {},
    };
    for (const a of annotations)
        for (const level of a.levels)
            out[level][a.key] = a.value;
    return out;
}

// EXTERNAL MODULE: ./src/plan/reference.ts
var plan_reference = __webpack_require__(478);
;// CONCATENATED MODULE: ./src/registry/digest.ts
/**
 * Content digests (`sha256:<hex>`). Only the algorithms the OCI image spec registers are
 * accepted: an unknown one could not be verified, and every byte we hand on is verified.
 */

const ALGORITHMS = { sha256: 64, sha512: 128 };
const DIGEST_GRAMMAR = 'sha256:<64 lowercase hex digits> (or sha512:<128>)';
function algorithmOf(digest) {
    const m = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
    if (!m)
        return undefined;
    const algorithm = m[1];
    return m[2].length === ALGORITHMS[algorithm] ? algorithm : undefined;
}
function isDigest(text) {
    return algorithmOf(text) !== undefined;
}
/** Throws when `digest` is not one we can verify; `what` names the argument for the message. */
function checkDigest(digest, what) {
    if (!isDigest(digest)) {
        throw new Error(`${what}: '${digest}' is not a digest; expected ${DIGEST_GRAMMAR}`);
    }
}
/** The digest of `bytes` with the algorithm of `like` (sha256 when not given). */
function digestOf(bytes, like) {
    const algorithm = (like && algorithmOf(like)) || 'sha256';
    return `${algorithm}:${(0,external_node_crypto_.createHash)(algorithm).update(bytes).digest('hex')}`;
}
/** Hashes a stream of bytes as it passes, for a digest known in advance. */
class Digester {
    expected;
    hash;
    algorithm;
    constructor(expected) {
        this.expected = expected;
        this.algorithm = algorithmOf(expected) ?? 'sha256';
        this.hash = (0,external_node_crypto_.createHash)(this.algorithm);
    }
    update(bytes) {
        this.hash.update(bytes);
    }
    /** The digest of everything seen; call once, at the end. */
    digest() {
        return `${this.algorithm}:${this.hash.digest('hex')}`;
    }
}

;// CONCATENATED MODULE: ./src/registry/reference.ts
/**
 * Image references (`[registry/]path[:tag][@digest]`) as Docker reads them: the name grammar is
 * the planner's (src/plan/reference.ts), so a name the settings accepted is a name we can reach.
 */


const DOCKER_HUB = 'docker.io';
/** Docker Hub's API is not served at docker.io itself. */
const DOCKER_HUB_API = 'registry-1.docker.io';
/** The key Docker keeps Docker Hub's login under, in config.json and for credential helpers. */
const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io']);
class InvalidReferenceError extends Error {
    reference;
    constructor(reference, why) {
        super(`'${reference}' is not a valid image reference: ${why}. Expected [registry/]name[:tag][@digest], e.g. ghcr.io/acme/app:1.2.3 or alpine@sha256:…`);
        this.reference = reference;
        this.name = 'InvalidReferenceError';
    }
}
/**
 * Docker talks plain http to loopback registries without being told to (they cannot be reached
 * from elsewhere, so nobody can listen in); everything else must be https.
 */
function isLoopback(host) {
    const hostname = /^\[[^\]]*\]/.exec(host)?.[0] ?? host.replace(/:\d+$/, '');
    if (hostname === 'localhost')
        return true;
    if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname))
        return true;
    if (hostname.startsWith('[')) {
        try {
            return new URL(`http://${hostname}`).hostname === '[::1]';
        }
        catch {
            return false;
        }
    }
    return false;
}
/** The reference for `registry` (as in an image name) and `repository`, Docker Hub's defaults applied. */
function repositoryReference(registry, repository) {
    const host = registry.toLowerCase();
    if (DOCKER_HUB_ALIASES.has(host)) {
        return {
            registry: DOCKER_HUB,
            apiHost: DOCKER_HUB_API,
            repository: repository.includes('/') ? repository : `library/${repository}`,
            scheme: 'https:',
        };
    }
    return {
        registry: host,
        apiHost: host,
        repository,
        scheme: isLoopback(host) ? 'http:' : 'https:',
    };
}
/**
 * Parses `alpine`, `ghcr.io/acme/app:1.2.3`, `127.0.0.1:5000/app@sha256:…`,
 * `name:tag@digest`. The registry is lowercased (host names are case-insensitive, and the token
 * cache and the Docker config are keyed by it). Throws InvalidReferenceError saying what is wrong.
 */
function parseReference(text) {
    if (text === '')
        throw new InvalidReferenceError(text, 'it is empty');
    let rest = text;
    let digest;
    const at = rest.indexOf('@');
    if (at !== -1) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!isDigest(digest)) {
            throw new InvalidReferenceError(text, `'${digest}' is not a digest; expected ${DIGEST_GRAMMAR}`);
        }
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!plan_reference/* TAG_PATTERN */.A0.test(tag)) {
            throw new InvalidReferenceError(text, `the tag '${tag}' does not match ${plan_reference/* TAG_GRAMMAR */.z1}`);
        }
    }
    const problem = (0,plan_reference/* imageNameProblem */.iS)(rest);
    if (problem !== undefined)
        throw new InvalidReferenceError(text, problem);
    const [registry, path] = (0,plan_reference/* splitDomain */.Rx)(rest);
    const ref = repositoryReference(registry ?? DOCKER_HUB, path);
    return { ...ref, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}
const REPOSITORY_PATH = new RegExp(`^${plan_reference/* PATH_COMPONENT_SOURCE */.mn}(?:/${plan_reference/* PATH_COMPONENT_SOURCE */.mn})*$`);
/** Whether `text` is a repository path without a registry: `acme/app`, `library/alpine`. */
function isRepositoryPath(text) {
    return text.length <= 255 && REPOSITORY_PATH.test(text);
}
/** `registry/repository`, as messages name a repository: `docker.io/library/alpine`. */
function repositoryName(ref) {
    return `${ref.registry}/${ref.repository}`;
}
/** The full reference, `registry/repository[:tag][@digest]`. */
function formatReference(ref) {
    return `${repositoryName(ref)}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}
/**
 * The key a registry's login is found under: Docker's config keys may carry a scheme and a path
 * (`https://index.docker.io/v1/`), and Docker Hub has several names.
 */
function registryKey(text) {
    const host = text
        .trim()
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .split('/')[0] ?? '';
    return host === 'index.docker.io' || host === DOCKER_HUB_API ? DOCKER_HUB : host;
}

;// CONCATENATED MODULE: ./src/build/platforms.ts
/**
 * Platform strings as builders compare them. `linux/arm64` and `linux/arm64/v8` name the same
 * platform, and so do `linux/arm` and `linux/arm/v7`; a builder lists one spelling and the user
 * may type the other, so every comparison goes through `normalizePlatform`.
 */
/** The spelling containerd's platform normaliser gives: the default variant is dropped or added. */
function normalizePlatform(platform) {
    const [os = '', arch = '', variant] = platform.trim().toLowerCase().split('/');
    if (arch === 'arm64' && (variant === undefined || variant === 'v8'))
        return `${os}/arm64`;
    if (arch === 'amd64' && (variant === undefined || variant === 'v1'))
        return `${os}/amd64`;
    if (arch === 'arm' && variant === undefined)
        return `${os}/arm/v7`;
    return variant === undefined ? `${os}/${arch}` : `${os}/${arch}/${variant}`;
}
/** `os/arch[/variant]` of an OCI descriptor's platform object. */
function platformString(p) {
    return normalizePlatform(p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`);
}
/** Node's `process.arch` in Go's (and so the OCI platform's) words. */
const NODE_TO_GO_ARCH = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    // Node says ppc64 for the little-endian build, the only one Linux distributions ship.
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
    loong64: 'loong64',
    mips64el: 'mips64le',
};
/** The platform this process runs on, e.g. `linux/amd64`. */
function hostPlatform(os = process.platform, arch = process.arch) {
    return normalizePlatform(`${os}/${NODE_TO_GO_ARCH[arch] ?? arch}`);
}
/**
 * Platforms a CPU runs without emulation besides its own: x86-64 runs 32-bit x86 code, and the
 * arm64 runners GitHub offers run 32-bit arm code.
 */
function nativePlatforms(host) {
    const h = normalizePlatform(host);
    if (h === 'linux/amd64')
        return [h, 'linux/386'];
    if (h === 'linux/arm64')
        return [h, 'linux/arm/v7', 'linux/arm/v6'];
    return [h];
}
/** The name `tonistiigi/binfmt --install` takes for the architecture of a Linux platform. */
function binfmtArch(platform) {
    const [os, arch] = normalizePlatform(platform).split('/');
    return os === 'linux' && arch ? arch : undefined;
}
/** Go architecture → the name of QEMU's binfmt_misc handler (`/proc/sys/fs/binfmt_misc/qemu-*`). */
const QEMU_NAME = {
    amd64: 'x86_64',
    '386': 'i386',
    arm64: 'aarch64',
    arm: 'arm',
    ppc64le: 'ppc64le',
    ppc64: 'ppc64',
    s390x: 's390x',
    riscv64: 'riscv64',
    mips64le: 'mips64el',
    mips64: 'mips64',
    loong64: 'loongarch64',
};
/**
 * The requested Linux platforms that neither run natively on `host` nor have a QEMU handler
 * registered in binfmt_misc (`registered`: the entry names there, e.g. `qemu-aarch64`). RUN steps
 * of those platforms fail with `exec format error`.
 */
function platformsWithoutEmulator(requested, host, registered) {
    const native = new Set(nativePlatforms(host));
    const handlers = new Set(registered);
    return requested.filter((p) => {
        const n = normalizePlatform(p);
        if (native.has(n))
            return false;
        const arch = binfmtArch(n);
        const qemu = arch === undefined ? undefined : QEMU_NAME[arch];
        return qemu === undefined || !handlers.has(`qemu-${qemu}`);
    });
}

;// CONCATENATED MODULE: ./src/build/buildx-setup.ts

/**
 * Reads the text of `docker buildx inspect`: `Name:` and `Driver:` of the builder, then a
 * `Nodes:` section in which each node starts again with `Name:`. Labels, GC policies and
 * features are indented and ignored.
 */
function parseBuildxInspect(text) {
    let name = '';
    let driver = '';
    const nodes = [];
    let inNodes = false;
    for (const raw of text.split(/\r?\n/)) {
        if (/^\s/.test(raw))
            continue;
        const m = /^([A-Za-z][A-Za-z ]*):\s*(.*)$/.exec(raw);
        if (!m)
            continue;
        const [, field = '', value = ''] = m;
        const v = value.trim();
        if (field === 'Nodes') {
            inNodes = true;
        }
        else if (!inNodes) {
            if (field === 'Name')
                name = v;
            else if (field === 'Driver')
                driver = v;
        }
        else if (field === 'Name') {
            nodes.push({ name: v, platforms: [] });
        }
        else {
            const node = nodes.at(-1);
            if (!node)
                continue;
            if (field === 'Status')
                node.status = v;
            else if (field === 'Platforms') {
                // `linux/arm64*`: the star marks platforms set by hand with `create --platform`.
                node.platforms = v
                    .split(',')
                    .map((p) => p.trim().replace(/\*$/, ''))
                    .filter((p) => p !== '')
                    .map(normalizePlatform);
            }
        }
    }
    return { name, driver, nodes };
}
/**
 * A platform needs QEMU when no node lists it. A node that was not running lists nothing; then
 * only what the host runs natively counts as supported.
 */
function planBuildxSetup(info, requested, host = hostPlatform()) {
    const listed = info.nodes.flatMap((n) => n.platforms);
    const supported = new Set(listed.length > 0 ? listed : nativePlatforms(host));
    const qemu = [];
    const unsupported = [];
    for (const p of requested) {
        if (supported.has(normalizePlatform(p)))
            continue;
        const arch = binfmtArch(p);
        if (arch === undefined)
            unsupported.push(p);
        else if (!qemu.includes(arch))
            qemu.push(arch);
    }
    return { createBuilder: info.driver === 'docker', qemu, unsupported };
}
/** The builder image-release makes when the current one uses the `docker` driver; reused later. */
const BUILDER_NAME = 'image-release';
/** Pinned, so that a run registers the same emulators as the last one did. */
const BINFMT_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v10.2.3-68';
const BUILDX_HOW_TO = 'add docker/setup-buildx-action before this step, install the buildx plugin (https://github.com/docker/buildx#installing, or the docker-buildx-plugin package), or set engine: buildah';
function firstLines(result, n = 3) {
    const text = (result.stderr.trim() || result.stdout.trim())
        .split(/\r?\n/)
        .slice(0, n)
        .join(' / ');
    return text || `exit code ${result.code}`;
}
/** Fails with the how-to when the docker CLI or its buildx plugin is missing; returns the version. */
async function checkBuildx(exec, env) {
    const r = await exec('docker', ['buildx', 'version'], { env });
    if (r.spawnError) {
        const why = r.spawnError.code === 'ENOENT'
            ? 'is not installed (not on PATH)'
            : `cannot be started (${r.spawnError.message})`;
        throw new Error(`engine buildx: the docker CLI ${why}. Install Docker (GitHub's ubuntu runners have it), or set engine: buildah to build without Docker`);
    }
    if (r.code !== 0) {
        throw new Error(`engine buildx: 'docker buildx version' failed, so the buildx plugin is missing (${firstLines(r)}). To fix: ${BUILDX_HOW_TO}`);
    }
    return r.stdout.trim();
}
/**
 * Checks buildx, inspects (and starts) the current builder, registers QEMU for platforms it
 * cannot run, and swaps a `docker` driver builder for a `docker-container` one. The current
 * builder is left as it was (no `--use`): later steps of the job keep the builder they chose.
 */
async function prepareBuildx(exec, env, platforms, log, host = hostPlatform(), hostNetwork = false) {
    log.info(`buildx: ${await checkBuildx(exec, env)}`);
    const inspect = await exec('docker', ['buildx', 'inspect', '--bootstrap'], { env });
    if (inspect.code !== 0) {
        throw new Error(`engine buildx: 'docker buildx inspect --bootstrap' failed (${firstLines(inspect)}). Check that the Docker daemon runs ('docker info'), or set engine: buildah`);
    }
    const current = parseBuildxInspect(inspect.stdout);
    const plan = planBuildxSetup(current, platforms, host);
    log.info(`buildx builder '${current.name}' (driver ${current.driver || 'unknown'}) lists ${current.nodes.flatMap((n) => n.platforms).join(', ') || 'no platforms'}`);
    if (plan.unsupported.length > 0) {
        log.warning(`buildx builder '${current.name}' does not list ${plan.unsupported.join(', ')}, and QEMU emulates Linux platforms only; the build may fail for them`);
    }
    // Before the new builder starts: BuildKit finds the emulators when it starts.
    if (plan.qemu.length > 0) {
        log.info(`Registering QEMU for ${plan.qemu.join(', ')} (the builder does not run them natively)`);
        const r = await exec('docker', ['run', '--privileged', '--rm', BINFMT_IMAGE, '--install', plan.qemu.join(',')], { env, onLine: (line) => log.output(line) });
        if (r.code !== 0) {
            throw new Error(`engine buildx: registering QEMU for ${plan.qemu.join(', ')} failed (${firstLines(r)}). Add docker/setup-qemu-action before this step, or build only platforms the builder lists`);
        }
    }
    if (!plan.createBuilder)
        return {};
    const existing = await exec('docker', ['buildx', 'inspect', '--bootstrap', BUILDER_NAME], {
        env,
    });
    if (existing.code === 0) {
        if (parseBuildxInspect(existing.stdout).driver === 'docker-container') {
            log.info(`Using the docker-container builder '${BUILDER_NAME}' made by an earlier run`);
            return { builder: BUILDER_NAME };
        }
    }
    log.info(`The current builder uses the docker driver, which builds one platform at a time and cannot export the gha cache: creating the docker-container builder '${BUILDER_NAME}'`);
    // BuildKit in its own container cannot reach a registry on the runner's loopback unless it
    // shares the host's network, as docker/setup-buildx-action users do for a local registry.
    const created = await exec('docker', [
        'buildx',
        'create',
        '--name',
        BUILDER_NAME,
        '--driver',
        'docker-container',
        ...(hostNetwork ? ['--driver-opt', 'network=host'] : []),
        '--bootstrap',
    ], { env, onLine: (line) => log.output(line) });
    if (created.code !== 0) {
        // Another job on this machine may have created it a moment ago.
        const raced = await exec('docker', ['buildx', 'inspect', '--bootstrap', BUILDER_NAME], { env });
        if (raced.code === 0 && parseBuildxInspect(raced.stdout).driver === 'docker-container') {
            return { builder: BUILDER_NAME };
        }
        throw new Error(`engine buildx: 'docker buildx create --name ${BUILDER_NAME} --driver docker-container' failed (${firstLines(created)}). Remove a broken builder of that name with 'docker buildx rm ${BUILDER_NAME}', or add docker/setup-buildx-action before this step`);
    }
    return { builder: BUILDER_NAME };
}

;// CONCATENATED MODULE: ./src/build/workdir.ts



/** What a secret id may be: it ends up inside buildx's CSV and buildah's comma-split options. */
const SECRET_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
function checkSecretIds(secrets) {
    const seen = new Set();
    for (const { id } of secrets) {
        if (!SECRET_ID.test(id)) {
            throw new errors/* UsageError */.e('secrets', `the secret id '${id}' may contain only letters, digits, '_', '.' and '-' (it is what RUN --mount=type=secret,id=… names)`);
        }
        if (seen.has(id))
            throw new errors/* UsageError */.e('secrets', `the secret id '${id}' is given twice`);
        seen.add(id);
    }
}
async function makeWorkDir(tempDir, prefix) {
    const base = (0,external_node_path_.resolve)(tempDir);
    await (0,promises_.mkdir)(base, { recursive: true });
    // mkdtemp creates the directory 0700: other users on a self-hosted runner cannot list it.
    const path = await (0,promises_.mkdtemp)((0,external_node_path_.join)(base, prefix));
    return {
        path,
        async writeSecrets(secrets) {
            checkSecretIds(secrets);
            const files = [];
            for (const [i, { id, value }] of secrets.entries()) {
                // Numbered rather than named after the id, so that no id can make a path.
                const file = (0,external_node_path_.join)(path, `secret-${i}`);
                await (0,promises_.writeFile)(file, value, { mode: 0o600, flag: 'wx' });
                files.push({ id, path: file });
            }
            return files;
        },
        remove: () => (0,promises_.rm)(path, { recursive: true, force: true }),
    };
}

;// CONCATENATED MODULE: ./src/build/buildx.ts
/**
 * The buildx engine: `docker buildx build` pushes every platform and the index by digest to
 * every image (no tag), and reports the digest in its metadata file.
 */





/**
 * One field of buildx's comma-separated option values (`--output`, `--secret`, `--cache-to`),
 * which buildx reads as a CSV record: a field holding a comma or a quote is quoted whole, inner
 * quotes doubled. `"name=a,b"` is one field; `name="a,b"` would not be.
 */
function csvField(field) {
    return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
function csvRecord(fields) {
    return fields.map(csvField).join(',');
}
/**
 * buildx's gha cache talks to the Actions cache service with the runner's token and URL, which
 * the runner gives node actions (and which buildx inherits from us). Outside Actions they are
 * missing and `type=gha` fails the build, so the cache is skipped with a warning instead.
 */
function ghaCacheProblem(env) {
    const missing = [];
    if (!env.ACTIONS_RUNTIME_TOKEN)
        missing.push('ACTIONS_RUNTIME_TOKEN');
    if (!env.ACTIONS_RESULTS_URL && !env.ACTIONS_CACHE_URL)
        missing.push('ACTIONS_RESULTS_URL');
    if (missing.length === 0)
        return undefined;
    return `cache: gha needs ${missing.join(' and ')} in the environment, which the Actions runner gives actions; not set here (not running in GitHub Actions?), so the build runs without a cache`;
}
/** A relative path starting with '-' would be read as an option. */
function safePath(path) {
    return path.startsWith('-') ? `./${path}` : path;
}
function outputOption(request) {
    const fields = ['type=image'];
    if (request.images.length > 0) {
        fields.push(`name=${request.images.join(',')}`, 'push-by-digest=true', 'name-canonical=true');
    }
    fields.push(`push=${request.push}`);
    // Without it BuildKit keeps the files' own times in the layers, and a rebuild differs.
    if (request.sourceDateEpoch !== undefined)
        fields.push('rewrite-timestamp=true');
    return csvRecord(fields);
}
/** The arguments of `docker` for the build; pure. The context comes last. */
function buildxArgs(request, options) {
    if (request.push && request.images.length === 0) {
        throw new Error('buildx: push needs at least one image name');
    }
    checkSecretIds(request.secrets);
    const args = ['buildx', 'build'];
    if (options.builder !== undefined)
        args.push('--builder', options.builder);
    args.push('--progress', 'plain');
    if (request.platforms.length > 0)
        args.push('--platform', request.platforms.join(','));
    if (request.file !== undefined)
        args.push('--file', safePath(request.file));
    if (request.target !== undefined)
        args.push('--target', request.target);
    for (const { key, value } of request.buildArgs)
        args.push('--build-arg', `${key}=${value}`);
    if (request.sourceDateEpoch !== undefined &&
        !request.buildArgs.some((a) => a.key === 'SOURCE_DATE_EPOCH')) {
        // BuildKit takes the epoch for created times from this build argument.
        args.push('--build-arg', `SOURCE_DATE_EPOCH=${request.sourceDateEpoch}`);
    }
    for (const { key, value } of request.labels)
        args.push('--label', `${key}=${value}`);
    for (const line of request.annotations)
        args.push('--annotation', line);
    for (const { id, path } of options.secretFiles) {
        args.push('--secret', csvRecord([`id=${id}`, `src=${path}`]));
    }
    if (options.ghaCache) {
        args.push('--cache-from', csvRecord(['type=gha', `scope=${request.cacheScope}`]));
        // ignore-error: a full or unreachable cache must not fail a build that succeeded.
        args.push('--cache-to', csvRecord(['type=gha', `scope=${request.cacheScope}`, 'mode=max', 'ignore-error=true']));
    }
    if (request.provenance !== undefined)
        args.push('--provenance', request.provenance);
    if (request.sbom !== undefined)
        args.push('--sbom', request.sbom);
    args.push('--metadata-file', options.metadataFile);
    args.push('--output', outputOption(request));
    args.push(safePath(request.context));
    return args;
}
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** The digest and media type buildx wrote to its metadata file. */
function parseBuildxMetadata(text, file) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw new Error(`buildx: the metadata file '${file}' is not JSON (${e.message}); this buildx may be too old, update it (docker/setup-buildx-action)`, { cause: e });
    }
    const meta = (typeof json === 'object' && json !== null ? json : {});
    const digest = meta['containerimage.digest'];
    if (typeof digest !== 'string' || !DIGEST.test(digest)) {
        throw new Error(`buildx: the metadata file '${file}' has no valid containerimage.digest (found ${JSON.stringify(digest)}); the build did not produce an image, or this buildx is too old (update it with docker/setup-buildx-action)`);
    }
    const descriptor = meta['containerimage.descriptor'];
    const mediaType = typeof descriptor === 'object' && descriptor !== null
        ? descriptor.mediaType
        : undefined;
    return { digest, ...(typeof mediaType === 'string' && { mediaType }) };
}
/** The last lines of a failed command's stderr, for the error message. */
function tail(text, n = 5) {
    const lines = text
        .trim()
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '');
    return lines.slice(-n).join('\n');
}
async function runBuild(deps, request, log) {
    const { exec } = deps;
    const prepared = await prepareBuildx(exec, deps.env, request.platforms, log, undefined, request.push && request.images.some(pushesToLoopback));
    let ghaCache = false;
    if (request.cache === 'gha') {
        const problem = ghaCacheProblem(deps.env);
        if (problem === undefined)
            ghaCache = true;
        else
            log.warning(problem);
    }
    const work = await makeWorkDir(request.tempDir, 'image-release-buildx-');
    try {
        const metadataFile = (0,external_node_path_.join)(work.path, 'metadata.json');
        const secretFiles = await work.writeSecrets(request.secrets);
        const args = buildxArgs(request, {
            metadataFile,
            secretFiles,
            ghaCache,
            ...(prepared.builder !== undefined && { builder: prepared.builder }),
        });
        // The whole environment, so that buildx finds the runner's cache token and URL.
        const r = await exec('docker', args, {
            cwd: deps.cwd,
            env: deps.env,
            onLine: (line) => log.output(line),
        });
        if (r.code !== 0) {
            throw new Error(`buildx: the build failed (exit code ${r.code}); the build log above shows the failing step. Last lines:\n${tail(r.stderr)}`);
        }
        let text;
        try {
            text = await (0,promises_.readFile)(metadataFile, 'utf8');
        }
        catch (e) {
            throw new Error(`buildx: the build succeeded but wrote no metadata file '${metadataFile}' (${e.message}); update buildx (docker/setup-buildx-action)`, { cause: e });
        }
        return { kind: 'registry', ...parseBuildxMetadata(text, metadataFile), pushed: request.push };
    }
    finally {
        await work.remove();
    }
}
/** `localhost:5000/app`, `127.0.0.1:5000/app`, `[::1]:5000/app`: a registry on this machine. */
function pushesToLoopback(image) {
    try {
        return isLoopback(parseReference(image).registry);
    }
    catch {
        return false;
    }
}
function buildxBuilder(deps) {
    return {
        engine: 'buildx',
        async check() {
            await checkBuildx(deps.exec, deps.env);
        },
        build: (request, log) => runBuild(deps, request, log),
    };
}

;// CONCATENATED MODULE: ./src/registry/types.ts
const MEDIA_TYPES = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
};
/** The Accept list sent for every manifest GET/HEAD (Debian's registry 2.8 needs one). */
const MANIFEST_ACCEPT = [
    MEDIA_TYPES.ociIndex,
    MEDIA_TYPES.ociManifest,
    MEDIA_TYPES.dockerList,
    MEDIA_TYPES.dockerManifest,
];
function isIndexType(mediaType) {
    return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;
}

;// CONCATENATED MODULE: ./src/build/layout.ts
/**
 * OCI image layouts (https://github.com/opencontainers/image-spec/blob/main/image-layout.md):
 * `index.json` names one image index or manifest, whose children and blobs are files under
 * `blobs/<algorithm>/<hex>`. buildah writes one; the publish step reads it and uploads blobs,
 * then manifests, then the index, each by digest.
 */





const layout_DIGEST = /^(sha256|sha512):([a-f0-9]+)$/;
function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** The path of a blob in a layout; the digest is checked first, so it cannot leave `blobs/`. */
function blobPath(dir, digest) {
    const m = layout_DIGEST.exec(digest);
    if (!m)
        throw new Error(`OCI layout '${dir}': '${digest}' is not a digest`);
    return (0,external_node_path_.join)(dir, 'blobs', m[1], m[2]);
}
function fail(dir, message) {
    throw new Error(`OCI layout '${dir}': ${message}`);
}
function asDescriptor(dir, value, where) {
    const d = value;
    if (typeof d !== 'object' ||
        d === null ||
        typeof d.mediaType !== 'string' ||
        typeof d.digest !== 'string' ||
        !layout_DIGEST.test(d.digest) ||
        typeof d.size !== 'number') {
        fail(dir, `${where} is not a descriptor (mediaType, digest, size)`);
    }
    return d;
}
async function readJsonFile(dir, path) {
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (e) {
        fail(dir, `cannot read ${path}: ${e.message}`);
    }
}
/** Reads a blob that must hash to its descriptor: manifests and indexes are small. */
async function readVerified(dir, d) {
    let bytes;
    try {
        bytes = await (0,promises_.readFile)(blobPath(dir, d.digest));
    }
    catch (e) {
        fail(dir, `the blob ${d.digest} is missing (${e.message})`);
    }
    if (bytes.length !== d.size) {
        fail(dir, `the blob ${d.digest} has ${bytes.length} bytes, its descriptor says ${d.size}`);
    }
    if (d.digest.startsWith('sha256:') && sha256Digest(bytes) !== d.digest) {
        fail(dir, `the blob ${d.digest} does not hash to its digest`);
    }
    return bytes;
}
function parseJson(dir, bytes, what) {
    try {
        const v = JSON.parse(Buffer.from(bytes).toString('utf8'));
        if (typeof v === 'object' && v !== null && !Array.isArray(v))
            return v;
    }
    catch {
        // reported below
    }
    fail(dir, `${what} is not a JSON object`);
}
/** The one descriptor index.json names; a layout with several images is not ours. */
async function topDescriptor(dir) {
    const index = (await readJsonFile(dir, (0,external_node_path_.join)(dir, 'index.json')));
    const manifests = index?.manifests;
    if (!Array.isArray(manifests) || manifests.length !== 1) {
        fail(dir, `index.json must name exactly one image (it names ${Array.isArray(manifests) ? manifests.length : 'none'})`);
    }
    return {
        index: index,
        top: asDescriptor(dir, manifests[0], 'index.json manifests[0]'),
    };
}
async function readManifest(dir, descriptor, bytes) {
    const m = parseJson(dir, bytes, `the manifest ${descriptor.digest}`);
    const config = asDescriptor(dir, m.config, `the config of ${descriptor.digest}`);
    const layers = Array.isArray(m.layers) ? m.layers : [];
    const blob = async (d) => {
        const path = blobPath(dir, d.digest);
        const s = await (0,promises_.stat)(path).catch((e) => fail(dir, `the blob ${d.digest} of ${descriptor.digest} is missing (${e.message})`));
        if (s.size !== d.size) {
            fail(dir, `the blob ${d.digest} has ${s.size} bytes, its descriptor says ${d.size}`);
        }
        return { digest: d.digest, size: d.size, mediaType: d.mediaType, path };
    };
    return {
        descriptor,
        bytes,
        config: await blob(config),
        layers: await Promise.all(layers.map((l, i) => blob(asDescriptor(dir, l, `layer ${i} of ${descriptor.digest}`)))),
    };
}
/**
 * Reads a layout: the index (or lone manifest) index.json names, its platform manifests, and
 * where each blob is. Indexes and manifests are checked against their digests; layers only for
 * presence and size (the registry checks their digests on upload).
 */
async function readLayout(dir) {
    const { top } = await topDescriptor(dir);
    const bytes = await readVerified(dir, top);
    const manifests = [];
    if (isIndexType(top.mediaType)) {
        const index = parseJson(dir, bytes, `the index ${top.digest}`);
        const children = Array.isArray(index.manifests) ? index.manifests : [];
        for (const [i, child] of children.entries()) {
            const d = asDescriptor(dir, child, `manifests[${i}] of the index`);
            if (isIndexType(d.mediaType))
                fail(dir, `nested indexes are not supported (${d.digest})`);
            manifests.push(await readManifest(dir, d, await readVerified(dir, d)));
        }
    }
    else {
        manifests.push(await readManifest(dir, top, bytes));
    }
    const blobs = new Map();
    for (const m of manifests)
        for (const b of [m.config, ...m.layers])
            blobs.set(b.digest, b);
    return { dir, descriptor: top, bytes, manifests, blobs: [...blobs.values()] };
}
const withAnnotations = (obj, extra) => {
    if (!extra || Object.keys(extra).length === 0)
        return obj;
    const old = (obj.annotations ?? {});
    return { ...obj, annotations: { ...old, ...extra } };
};
/**
 * Rewrites the image index of a layout: children in a fixed platform order, annotations added.
 * The new index is written as a new blob under its own digest and index.json is pointed at it,
 * so the layout stays consistent; the children and their blobs are untouched. Returns the new
 * descriptor (the same one when nothing changed).
 */
async function editLayoutIndex(dir, edit) {
    const { index: layoutIndex, top } = await topDescriptor(dir);
    if (!isIndexType(top.mediaType))
        fail(dir, `index.json names ${top.mediaType}, not an image index`);
    const oldBytes = await readVerified(dir, top);
    const index = parseJson(dir, oldBytes, `the index ${top.digest}`);
    let children = (Array.isArray(index.manifests) ? index.manifests : []);
    if (edit.platformOrder) {
        const rank = new Map(edit.platformOrder.map((p, i) => [normalizePlatform(p), i]));
        const key = (c) => {
            const p = c.platform;
            return p ? (rank.get(platformString(p)) ?? rank.size) : rank.size;
        };
        children = children
            .map((c, i) => ({ c, i }))
            .sort((a, b) => key(a.c) - key(b.c) || a.i - b.i)
            .map(({ c }) => c);
    }
    children = children.map((c) => withAnnotations(c, edit.childAnnotations));
    const edited = withAnnotations({ ...index, manifests: children }, edit.annotations);
    const bytes = Buffer.from(JSON.stringify(edited), 'utf8');
    const digest = sha256Digest(bytes);
    const mediaType = typeof edited.mediaType === 'string' ? edited.mediaType : MEDIA_TYPES.ociIndex;
    const descriptor = withAnnotations({ ...top, mediaType, digest, size: bytes.length }, edit.descriptorAnnotations);
    if (digest === top.digest && JSON.stringify(descriptor) === JSON.stringify(top))
        return top;
    if (digest !== top.digest)
        await (0,promises_.writeFile)(blobPath(dir, digest), bytes);
    // Renamed into place: a reader never sees half an index.json.
    const tmp = (0,external_node_path_.join)(dir, 'index.json.tmp');
    await (0,promises_.writeFile)(tmp, JSON.stringify({ ...layoutIndex, manifests: [descriptor] }), 'utf8');
    await (0,promises_.rename)(tmp, (0,external_node_path_.join)(dir, 'index.json'));
    // Only index.json named the old index, so its blob is garbage now.
    if (digest !== top.digest)
        await (0,promises_.rm)(blobPath(dir, top.digest), { force: true });
    return descriptor;
}

;// CONCATENATED MODULE: ./src/build/buildah.ts
/**
 * The buildah engine: daemonless, rootless or root. `buildah build --manifest` builds every
 * platform into a local manifest list, `buildah manifest push --all oci:<dir>` exports it as an
 * OCI image layout, and the publish step uploads that by digest with our registry client —
 * buildah itself pushes nothing, so no tag is written outside the publish step's guards.
 *
 * Storage: no `--storage-driver` is passed. buildah takes STORAGE_DRIVER from the environment and
 * otherwise its storage.conf: overlay as root, and rootless on the kernels GitHub's runners have
 * (native rootless overlay since Linux 5.13, else fuse-overlayfs when installed). Forcing one
 * would break a machine whose storage was made with the other ("database configuration
 * mismatch"); `STORAGE_DRIVER=vfs` is the slow fallback that works everywhere.
 *
 * Isolation: inside a container (Docker's /.dockerenv, Podman's /run/.containerenv) RUN steps
 * cannot make the namespaces buildah's default isolation needs, so BUILDAH_ISOLATION=chroot is
 * set there unless the environment sets it.
 *
 * Layer cache: `--layers` is not passed. buildah 1.28's layer cache does not key on the target
 * platform for steps whose base is the same on every platform (`FROM scratch`, or
 * `FROM --platform=$BUILDPLATFORM`): with `--layers`, a linux/amd64,linux/arm64 build reused the
 * arm64 image for amd64 and left a one-platform list. BUILDAH_LAYERS=true turns it on anyway;
 * the platform check after the build catches that failure.
 *
 * Annotations: `manifest` through `buildah build --annotation`; `index`, `manifest-descriptor`
 * and `index-descriptor` by rewriting the exported index (layout.ts `editLayoutIndex`), since
 * buildah 1.28 has no `manifest annotate --index`. A platform-qualified annotation
 * (`manifest[linux/amd64]:…`) is refused: one build annotates every platform alike.
 */










/** The annotations of a request by level, refusing what buildah cannot do. */
function buildahAnnotations(lines) {
    const parsed = lines.map(parseAnnotation);
    for (const [i, a] of parsed.entries()) {
        if (a.platform !== undefined) {
            throw new errors/* UsageError */.e('annotations', `'${lines[i] ?? ''}': engine buildah annotates every platform alike; drop [${a.platform}] or use engine buildx`);
        }
    }
    return annotationsByLevel(parsed);
}
/** The arguments of `buildah` for the build; pure. The context comes last. */
function buildahBuildArgs(request, options) {
    checkSecretIds(request.secrets);
    const annotations = buildahAnnotations(request.annotations);
    // BUILDAH_FORMAT=docker would make Docker v2 manifests, which carry no annotations.
    const args = ['build', '--format', 'oci'];
    if (request.platforms.length > 0)
        args.push('--platform', request.platforms.join(','));
    args.push('--manifest', options.listName);
    if (request.file !== undefined)
        args.push('--file', safePath(request.file));
    if (request.target !== undefined)
        args.push('--target', request.target);
    for (const { key, value } of request.buildArgs)
        args.push('--build-arg', `${key}=${value}`);
    for (const { key, value } of request.labels)
        args.push('--label', `${key}=${value}`);
    for (const [key, value] of Object.entries(annotations.manifest)) {
        args.push('--annotation', `${key}=${value}`);
    }
    for (const { id, path } of options.secretFiles) {
        // buildah splits this option at every comma and knows no quoting.
        if (path.includes(',')) {
            throw new errors/* UsageError */.e('RUNNER_TEMP', `the secret file '${path}' has a comma in its path, which buildah's --secret cannot take; use a temp directory without commas`);
        }
        args.push('--secret', `id=${id},src=${path}`);
    }
    if (request.sourceDateEpoch !== undefined) {
        if (!/^[0-9]+$/.test(request.sourceDateEpoch)) {
            throw new errors/* UsageError */.e('SOURCE_DATE_EPOCH', `'${request.sourceDateEpoch}' is not a number of seconds since 1970`);
        }
        args.push('--timestamp', request.sourceDateEpoch);
    }
    args.push(safePath(request.context));
    return args;
}
/** The environment for buildah: the caller's, plus chroot isolation inside a container. */
function buildahEnv(env, inContainer) {
    if (!inContainer || env.BUILDAH_ISOLATION)
        return env;
    return { ...env, BUILDAH_ISOLATION: 'chroot' };
}
function runningInContainer(env) {
    return (0,external_node_fs_.existsSync)('/.dockerenv') || (0,external_node_fs_.existsSync)('/run/.containerenv') || Boolean(env.container);
}
function registeredBinfmt() {
    try {
        return (0,external_node_fs_.readdirSync)('/proc/sys/fs/binfmt_misc');
    }
    catch {
        return [];
    }
}
/** The exact set check: a missing or extra platform is a wrong image, not a partial success. */
function platformMismatch(requested, built) {
    const want = [...new Set(requested.map(normalizePlatform))].sort();
    const got = [...built].map(normalizePlatform).sort();
    if (want.join(',') === got.join(','))
        return undefined;
    return `asked for ${want.join(', ')} but the manifest list holds ${got.join(', ') || 'nothing'}`;
}
async function run(exec, args, options) {
    const r = await exec('buildah', args, {
        env: options.env,
        ...(options.cwd !== undefined && { cwd: options.cwd }),
        onLine: (line) => options.log.output(line),
    });
    if (r.spawnError) {
        throw new Error(r.spawnError.code === 'ENOENT'
            ? 'engine buildah: buildah is not installed (not on PATH). Install it (sudo apt-get install -y buildah; the ubuntu runners of GitHub have it), or set engine: buildx'
            : `engine buildah: buildah cannot be started (${r.spawnError.message})`);
    }
    return r;
}
async function buildah_runBuild(deps, request, log) {
    const env = buildahEnv(deps.env, runningInContainer(deps.env));
    const version = await run(deps.exec, ['--version'], { env, log });
    if (version.code !== 0) {
        throw new Error(`engine buildah: 'buildah --version' failed: ${tail(version.stderr, 2)}`);
    }
    // Settings that mean something to buildx only. cache defaults to gha, so that one is no warning.
    if (request.cache === 'gha') {
        log.info('engine buildah keeps no layer cache between runs: cache: gha applies to buildx only');
    }
    for (const [name, value] of [
        ['provenance', request.provenance],
        ['sbom', request.sbom],
    ]) {
        if (value !== undefined) {
            log.warning(`engine buildah makes no attestations: ${name}: ${value} is ignored (engine buildx makes them)`);
        }
    }
    const noEmulator = platformsWithoutEmulator(request.platforms, hostPlatform(), registeredBinfmt());
    if (noEmulator.length > 0) {
        log.warning(`No QEMU emulator is registered for ${noEmulator.join(', ')}: RUN steps for them will fail with 'exec format error' (COPY-only stages are fine). Add docker/setup-qemu-action before this step, or install qemu-user-static`);
    }
    const annotations = buildahAnnotations(request.annotations);
    const before = await localImageIds(deps.exec, env);
    const listName = `localhost/image-release-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    const work = await makeWorkDir(request.tempDir, 'image-release-buildah-');
    let layoutDir;
    let ok = false;
    try {
        const secretFiles = await work.writeSecrets(request.secrets);
        const args = buildahBuildArgs(request, { listName, secretFiles });
        const built = await run(deps.exec, args, { env, cwd: deps.cwd, log });
        if (built.code !== 0) {
            throw new Error(`buildah: the build failed (exit code ${built.code}); the build log above shows the failing step. Last lines:\n${tail(built.stderr)}`);
        }
        layoutDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_path_.resolve)(request.tempDir), 'image-release-oci-'));
        if (layoutDir.includes(':')) {
            throw new errors/* UsageError */.e('RUNNER_TEMP', `'${layoutDir}' has a ':' in its path, which buildah's oci: transport reads as a tag; use a temp directory without one`);
        }
        const pushed = await run(deps.exec, ['manifest', 'push', '--all', '--format', 'oci', '--quiet', listName, `oci:${layoutDir}`], { env, log });
        if (pushed.code !== 0) {
            throw new Error(`buildah: exporting the manifest list to the OCI layout '${layoutDir}' failed (exit code ${pushed.code}):\n${tail(pushed.stderr)}`);
        }
        const descriptor = await editLayoutIndex(layoutDir, {
            platformOrder: request.platforms,
            annotations: annotations.index,
            childAnnotations: annotations['manifest-descriptor'],
            descriptorAnnotations: annotations['index-descriptor'],
        });
        const layout = await readLayout(layoutDir);
        // No platforms: buildah builds the host's, and there is nothing to compare with.
        const mismatch = request.platforms.length === 0
            ? undefined
            : platformMismatch(request.platforms, layout.manifests.map((m) => m.descriptor.platform ? platformString(m.descriptor.platform) : '?'));
        if (mismatch !== undefined) {
            throw new Error(`buildah: ${mismatch}. With BUILDAH_LAYERS=true, buildah 1.28 can reuse one platform's cached image for another: unset it and build again`);
        }
        ok = true;
        return {
            kind: 'layout',
            dir: layoutDir,
            digest: descriptor.digest,
            mediaType: descriptor.mediaType,
        };
    }
    finally {
        await work.remove();
        try {
            await cleanUp(deps.exec, env, { listName, layoutDir: ok ? layoutDir : undefined, before }, log);
        }
        catch (e) {
            // A failed clean-up must not hide the build's own error or fail a good build.
            log.warning(`buildah: clean-up after the build failed: ${e.message}`);
        }
        if (!ok && layoutDir !== undefined)
            await (0,promises_.rm)(layoutDir, { recursive: true, force: true });
    }
}
/** IDs of the images in local storage, as `sha256:<hex>`; undefined when buildah cannot list them. */
async function localImageIds(exec, env) {
    const r = await exec('buildah', ['images', '--all', '--quiet', '--no-trunc'], { env });
    if (r.code !== 0)
        return undefined;
    return new Set(r.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''));
}
/**
 * Removes the manifest list and the images built into it, so that runs on one machine do not
 * pile up images. The images are found by their config digests, which buildah uses as image
 * IDs. Reproducible builds give equal images equal IDs, so an image that was in storage before
 * the build (a developer's own tag of the same content) is kept. After a failed build only the
 * list is removed.
 */
async function cleanUp(exec, env, built, log) {
    const quiet = { env };
    const list = await exec('buildah', ['manifest', 'rm', built.listName], quiet);
    if (list.code !== 0 && !/not known|unknown|not found/i.test(list.stderr)) {
        log.warning(`buildah: could not remove the manifest list ${built.listName}: ${tail(list.stderr, 2)}`);
    }
    if (built.layoutDir === undefined || built.before === undefined)
        return;
    const layout = await readLayout(built.layoutDir);
    const ids = [...new Set(layout.manifests.map((m) => m.config.digest))].filter((id) => !built.before?.has(id));
    if (ids.length === 0)
        return;
    const r = await exec('buildah', ['rmi', ...ids], quiet);
    if (r.code !== 0) {
        log.warning(`buildah: could not remove the built images ${ids.join(', ')}: ${tail(r.stderr, 2)}`);
    }
}
function buildahBuilder(deps) {
    return {
        engine: 'buildah',
        async check() {
            const quiet = { info: () => { }, warning: () => { }, output: () => { } };
            const env = buildahEnv(deps.env, runningInContainer(deps.env));
            const version = await run(deps.exec, ['--version'], { env, log: quiet });
            if (version.code !== 0) {
                throw new Error(`engine buildah: 'buildah --version' failed: ${tail(version.stderr, 2)}`);
            }
        },
        build: (request, log) => buildah_runBuild(deps, request, log),
    };
}

;// CONCATENATED MODULE: ./src/build/builder.ts


/** The one real Builder of each engine; the orchestration picks by the `engine` setting. */
function createBuilder(engine, deps) {
    return engine === 'buildah' ? buildahBuilder(deps) : buildxBuilder(deps);
}

;// CONCATENATED MODULE: ./src/build/docker-config.ts
/**
 * buildx pushes with the Docker CLI's own logins, not ours. When the action holds a login that
 * the Docker config lacks (`username`/`password`, or the github-token for ghcr.io), buildx gets
 * a private DOCKER_CONFIG for the build: the user's config.json with those logins added, and the
 * rest of the user's directory (buildx builders, CLI plugins, contexts) linked in, so the current
 * builder stays what it was. Nothing is written into the user's own config, so no login outlives
 * the step.
 */




function userDockerConfigDir(env) {
    return env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker');
}
function hasLogin(config, registry) {
    const keys = [...Object.keys(config.auths ?? {}), ...Object.keys(config.credHelpers ?? {})];
    return keys.some((k) => registryKey(k) === registry);
}
/**
 * Writes the private config under `parent` when some login must be added; else leaves the
 * user's config alone. `credsStore` is kept for every other registry, but the Docker CLI asks it
 * before `auths`, so with one set the added logins may be shadowed: that is warned about.
 */
function dockerConfigWithLogins(env, logins, parent) {
    const source = userDockerConfigDir(env);
    let config = {};
    const file = (0,external_node_path_.join)(source, 'config.json');
    if ((0,external_node_fs_.existsSync)(file)) {
        try {
            config = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
        }
        catch {
            // The registry client already warns about an unreadable config; buildx gets ours alone.
            config = {};
        }
    }
    const needed = logins.filter((l) => l.override || !hasLogin(config, l.registry));
    if (needed.length === 0)
        return { warnings: [] };
    const replaced = new Set(needed.map((l) => l.registry));
    const keep = ([k]) => !replaced.has(registryKey(k));
    const auths = Object.fromEntries(Object.entries(config.auths ?? {}).filter(keep));
    const helpers = Object.fromEntries(Object.entries(config.credHelpers ?? {}).filter(keep));
    for (const login of needed) {
        const key = login.registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : login.registry;
        auths[key] = { auth: Buffer.from(`${login.username}:${login.password}`).toString('base64') };
    }
    const dir = (0,external_node_path_.join)(parent, 'docker-config');
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    if ((0,external_node_fs_.existsSync)(source)) {
        for (const entry of (0,external_node_fs_.readdirSync)(source)) {
            if (entry !== 'config.json')
                (0,external_node_fs_.symlinkSync)((0,external_node_path_.join)(source, entry), (0,external_node_path_.join)(dir, entry));
        }
    }
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'config.json'), JSON.stringify({ ...config, auths, credHelpers: helpers }, null, 2), { mode: 0o600 });
    const warnings = config.credsStore !== undefined
        ? [
            `The Docker config uses the credential store '${config.credsStore}', which buildx asks before the logins this step adds for ${needed.map((l) => l.registry).join(', ')}; if the push is refused, log in with docker/login-action instead of username/password.`,
        ]
        : [];
    return { dir, warnings };
}

;// CONCATENATED MODULE: ./src/exec.ts
function splitLines(onLine, stream) {
    let rest = '';
    return {
        push(chunk) {
            if (!onLine)
                return;
            rest += chunk;
            const lines = rest.split(/\r?\n/);
            rest = lines.pop() ?? '';
            for (const line of lines)
                onLine(line, stream);
        },
        end() {
            if (onLine && rest !== '')
                onLine(rest, stream);
            rest = '';
        },
    };
}
/** The real Exec: node's spawn, loaded on first use (child_process costs start-up time). */
const spawnExec = async (program, args, options = {}) => {
    const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
    return new Promise((resolve) => {
        const child = spawn(program, [...args], {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
            shell: false,
        });
        const out = [];
        const err = [];
        const outLines = splitLines(options.onLine, 'stdout');
        const errLines = splitLines(options.onLine, 'stderr');
        child.stdout?.setEncoding('utf8').on('data', (c) => {
            out.push(c);
            outLines.push(c);
        });
        child.stderr?.setEncoding('utf8').on('data', (c) => {
            err.push(c);
            errLines.push(c);
        });
        let spawnError;
        child.on('error', (e) => {
            spawnError = e;
        });
        if (options.input !== undefined && child.stdin) {
            // A child that exits without reading its stdin must not crash us with EPIPE.
            child.stdin.on('error', () => { });
            child.stdin.end(options.input);
        }
        child.on('close', (code) => {
            outLines.end();
            errLines.end();
            resolve({
                code: code ?? -1,
                stdout: out.join(''),
                stderr: err.join(''),
                ...(spawnError && { spawnError }),
            });
        });
    });
};

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/registry/errors.ts
/**
 * Errors of the registry client. Every message names the operation and the repository ("PUT
 * manifest 1.2.3 in 127.0.0.1:5000/acme/app"), says what went wrong (status, the registry's own
 * error codes, or the connection failure) and what to do. Secrets never reach these messages:
 * they are built from our own words and from registry text that went through the SecretMask.
 */
class RegistryError extends Error {
    init;
    registry;
    operation;
    status;
    /** The registry's error codes (`MANIFEST_UNKNOWN`, `DENIED`, …), when it sent any. */
    codes;
    retryable;
    retryAfterMs;
    /** How many times the operation was tried before giving up. */
    tries;
    constructor(init) {
        const tries = init.tries ?? 1;
        const tried = tries > 1 ? ` (tried ${tries} times)` : '';
        super(`${init.operation} failed: ${init.problem}${tried}.${init.hint ? ` ${init.hint}` : ''}`, init.cause === undefined ? undefined : { cause: init.cause });
        this.init = init;
        this.name = 'RegistryError';
        this.registry = init.registry;
        this.operation = init.operation;
        this.status = init.status;
        this.codes = init.codes ?? [];
        this.retryable = init.retryable ?? false;
        this.retryAfterMs = init.retryAfterMs;
        this.tries = tries;
    }
    /** The same error, saying how many tries were made. */
    withTries(tries) {
        return tries === this.tries ? this : new RegistryError({ ...this.init, tries });
    }
}
/** A failure of the caller's content (a stream of the wrong size): no retry can fix it. */
class BlobSourceError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'BlobSourceError';
    }
}
/** The `{"errors":[{code,message,detail}]}` body of a failed response, made readable. */
function parseErrorBody(body, contentType) {
    try {
        const parsed = JSON.parse(body);
        if (Array.isArray(parsed.errors)) {
            const codes = [];
            const texts = [];
            for (const e of parsed.errors) {
                if (typeof e !== 'object' || e === null)
                    continue;
                const { code, message } = e;
                const c = typeof code === 'string' ? code : 'UNKNOWN';
                codes.push(c);
                texts.push(typeof message === 'string' && message !== '' ? `${c}: ${message}` : c);
            }
            return { codes, text: texts.join('; ') };
        }
    }
    catch {
        // not JSON: maybe a short text from a proxy
    }
    const trimmed = body.trim();
    // An HTML error page from a proxy says nothing the status does not.
    if (trimmed === '' || /html/i.test(contentType ?? '') || trimmed.startsWith('<')) {
        return { codes: [], text: '' };
    }
    return { codes: [], text: trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed };
}
const LOGIN_WAYS = 'log in with docker/login-action before this step, set the `username` and `password` inputs, or add the login to the Docker config (DOCKER_CONFIG or ~/.docker/config.json)';
/** What to do about a failed response, from its status and the registry's error codes. */
function hintFor(status, codes, ctx) {
    const ghcr = ctx.registry === 'ghcr.io'
        ? ' For ghcr.io, the workflow needs `permissions: packages: write` for pushes, and a package made by another repository must grant this repository access.'
        : '';
    if (status === 401) {
        return ctx.credentials === undefined
            ? `No credentials for ${ctx.registry} were found: ${LOGIN_WAYS}.${ghcr}`
            : `${ctx.registry} refused the credentials from ${ctx.credentials}: check that they are current and allowed to ${ctx.access} ${ctx.name}.${ghcr}`;
    }
    if (status === 403 || codes.includes('DENIED')) {
        const who = ctx.credentials === undefined ? 'An anonymous client' : `The login from ${ctx.credentials}`;
        return `${who} may not ${ctx.access} ${ctx.name}: grant it ${ctx.access} access${ctx.credentials === undefined ? `, or ${LOGIN_WAYS}` : ''}.${ghcr}`;
    }
    if (status === 404) {
        if (codes.includes('NAME_UNKNOWN')) {
            return `The repository ${ctx.name} does not exist: check the image name (some registries need a repository created before the first push).`;
        }
        return `${ctx.target ?? 'It'} is not in ${ctx.name}: check the name, the tag or the digest.`;
    }
    if (status === 429) {
        return `${ctx.registry} is limiting the rate of requests: run again later, or log in (Docker Hub limits anonymous pulls more).`;
    }
    if (status >= 500) {
        return `${ctx.registry} failed on its side: run again later, or check the registry's status.`;
    }
    if (codes.includes('MANIFEST_BLOB_UNKNOWN') || codes.includes('BLOB_UNKNOWN')) {
        return 'The registry lacks a blob or manifest this one references: push those first (the platform manifests before their index).';
    }
    if (codes.includes('DIGEST_INVALID')) {
        return 'The content sent does not hash to its digest: the source changed while it was read, or the digest is wrong.';
    }
    if (codes.includes('TAG_INVALID') || codes.includes('MANIFEST_INVALID')) {
        return 'The registry rejected the manifest: check that it is valid for its media type.';
    }
    if (status === 405 || codes.includes('UNSUPPORTED')) {
        return `${ctx.registry} does not support this operation (a read-only mirror or a registry without this API).`;
    }
    return `Check the request against the registry's documentation.`;
}

;// CONCATENATED MODULE: ./src/registry/retry.ts
/**
 * Retries of transient failures: 429, 5xx, dropped connections, truncated bodies, a body that
 * does not hash to its digest. Waits grow exponentially with jitter (so that the parallel
 * pushes of a matrix build do not come back in step) and follow Retry-After when the registry
 * sends one, within maxDelayMs.
 */

function retryPolicy(options = {}) {
    return {
        tries: Math.max(1, Math.floor(options.tries ?? 4)),
        baseDelayMs: Math.max(0, options.baseDelayMs ?? 500),
        maxDelayMs: Math.max(0, options.maxDelayMs ?? 30_000),
    };
}
/** A Retry-After value (delta seconds or an HTTP date) as milliseconds from `now`. */
function parseRetryAfter(value, now) {
    if (value === null)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const at = Date.parse(text);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
/** The wait after `failures` failed tries. */
function backoffDelay(policy, failures, retryAfterMs, random = Math.random) {
    const exponential = policy.baseDelayMs * 2 ** (failures - 1) * (0.75 + random() * 0.5);
    return Math.round(Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0)));
}
/** The tries of one operation; shared by a streamed download and its resumptions. */
class Attempts {
    policy;
    log;
    onRetry;
    tries = 0;
    constructor(policy, log, onRetry) {
        this.policy = policy;
        this.log = log;
        this.onRetry = onRetry;
    }
    /**
     * After a failure: waits and returns when another try is due; otherwise throws the error
     * (a RegistryError saying how many tries were made).
     */
    async failed(error) {
        if (!(error instanceof RegistryError))
            throw error;
        if (!error.retryable || this.tries >= this.policy.tries)
            throw error.withTries(this.tries);
        const delay = backoffDelay(this.policy, this.tries, error.retryAfterMs);
        this.log.debug(`${error.message} Trying again in ${delay} ms.`);
        this.onRetry();
        await new Promise((resolve) => setTimeout(resolve, delay));
    }
}
async function withRetries(policy, log, onRetry, fn) {
    const attempts = new Attempts(policy, log, onRetry);
    for (;;) {
        attempts.tries++;
        try {
            return await fn();
        }
        catch (e) {
            await attempts.failed(e);
        }
    }
}

;// CONCATENATED MODULE: ./src/registry/http.ts
/**
 * One HTTP exchange and what can go wrong with it, shared by the token service and the
 * registry: counting, the debug log, turning thrown fetch errors and failed statuses into
 * RegistryErrors that say whether a retry may help.
 */


const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
function isRetryableStatus(status) {
    // 5xx other than "not implemented" / "version not supported" may pass; those never will.
    return RETRY_STATUSES.has(status) || (status >= 500 && status !== 501 && status !== 505);
}
/** A URL for the log: no query, which may hold a storage signature or upload state. */
function displayUrl(url) {
    return `${url.origin}${url.pathname}${url.search === '' ? '' : '?…'}`;
}
/** Connection failures that a retry cannot fix: no such host, a certificate or TLS problem. */
function permanentNetworkCode(code) {
    return (code === 'ENOTFOUND' ||
        code.startsWith('CERT_') ||
        code.startsWith('ERR_TLS_') ||
        code.startsWith('ERR_SSL_') ||
        code.startsWith('UNABLE_TO_') ||
        code.includes('SELF_SIGNED') ||
        code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH');
}
/** The innermost cause and its code: fetch wraps socket errors in "TypeError: fetch failed". */
function rootCause(error) {
    let e = error;
    for (let depth = 0; depth < 5; depth++) {
        if (e instanceof RegistryError || e instanceof BlobSourceError)
            return { code: undefined, text: e.message, found: e };
        const cause = e?.cause;
        if (cause === undefined || cause === null)
            break;
        e = cause;
    }
    const code = e?.code;
    // Not `instanceof Error`: an error from another realm (a VM context) is an Error too.
    const own = e?.message;
    const message = typeof own === 'string' ? own : String(e);
    return typeof code === 'string'
        ? { code, text: `${code}: ${message}` }
        : { code: undefined, text: message };
}
/**
 * A thrown fetch or body error as a RegistryError; errors of our own making that surfaced
 * through fetch (the upload body's BlobSourceError) come back as they were.
 */
function networkError(op, url, error, mask) {
    const root = rootCause(error);
    if (root.found)
        return root.found;
    const permanent = root.code !== undefined && permanentNetworkCode(root.code);
    return new RegistryError({
        registry: op.registry,
        operation: op.name,
        problem: `the connection to ${url.origin} failed (${mask.redact(root.text)})`,
        hint: permanent
            ? `Check the registry name, its certificate and the network (a proxy or firewall).`
            : `Check that ${url.host} is reachable; the connection was dropped or refused.`,
        retryable: !permanent,
        cause: error,
    });
}
/** One fetch, redirects not followed (the caller decides where credentials may go). */
async function fetchOnce(http, op, url, init) {
    http.stats.requests++;
    const request = {
        method: init.method,
        headers: { 'user-agent': http.userAgent, ...init.headers },
        redirect: 'manual',
    };
    if (init.body !== undefined) {
        request.body = init.body;
        // Needed for a streamed body; harmless for the others.
        request.duplex = 'half';
    }
    let res;
    try {
        res = await http.fetch(url, request);
    }
    catch (e) {
        http.log.debug(`${init.method} ${displayUrl(url)} failed`);
        throw networkError(op, url, e, http.mask);
    }
    http.log.debug(`${init.method} ${displayUrl(url)} → ${res.status}`);
    return res;
}
/** Drops a body we do not read, so that the connection can be reused. */
async function discard(res) {
    try {
        await res.body?.cancel();
    }
    catch {
        // already closed
    }
}
/**
 * Reads a whole body of at most `limit` bytes. A body cut short is a retryable error; one over
 * the limit is not (a registry serving a 100 MB "manifest" is not going to stop).
 */
async function readBody(res, limit, op, url, mask) {
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limit) {
        await discard(res);
        throw new RegistryError({
            registry: op.registry,
            operation: op.name,
            problem: `the response is ${declared} bytes, more than the ${limit} this client reads`,
            hint: 'Check that the reference names a manifest, not a blob.',
        });
    }
    const parts = [];
    let length = 0;
    try {
        for await (const chunk of res.body ?? []) {
            const bytes = chunk;
            length += bytes.length;
            if (length > limit) {
                await res.body?.cancel().catch(() => undefined);
                throw new RegistryError({
                    registry: op.registry,
                    operation: op.name,
                    problem: `the response is more than the ${limit} bytes this client reads`,
                    hint: 'Check that the reference names a manifest, not a blob.',
                });
            }
            parts.push(bytes);
        }
    }
    catch (e) {
        if (e instanceof RegistryError)
            throw e;
        throw networkError(op, url, e, mask);
    }
    const body = Buffer.concat(parts);
    if (!Number.isNaN(declared) && body.length !== declared) {
        throw new RegistryError({
            registry: op.registry,
            operation: op.name,
            problem: `the response ended after ${body.length} of ${declared} bytes`,
            hint: 'The connection was cut; check the network or proxy.',
            retryable: true,
        });
    }
    return body;
}
/** The error for a response with a status the caller did not expect. */
async function statusError(http, op, res, prefix = '') {
    let body = '';
    try {
        const bytes = await readBody(res, 64 * 1024, op, new URL(res.url || 'http://unknown'), http.mask);
        body = Buffer.from(bytes).toString('utf8');
    }
    catch {
        // the status says enough
    }
    const parsed = parseErrorBody(http.mask.redact(body), res.headers.get('content-type'));
    const statusText = res.statusText ? ` ${res.statusText}` : '';
    return new RegistryError({
        registry: op.registry,
        operation: op.name,
        problem: `${prefix}HTTP ${res.status}${statusText}${parsed.text ? ` (${parsed.text})` : ''}`,
        hint: op.hint(res.status, parsed.codes),
        status: res.status,
        codes: parsed.codes,
        retryable: isRetryableStatus(res.status),
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), http.now()),
    });
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Where a redirect points, resolved against the URL that answered; undefined if it is none. */
function redirectTarget(res, from) {
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || location === null)
        return undefined;
    return new URL(location, from);
}
/** The most redirects one request follows (Docker Hub and S3 use one or two). */
const MAX_REDIRECTS = 5;

;// CONCATENATED MODULE: ./src/registry/auth.ts
/**
 * Authentication with one registry: the first request goes out without credentials; the 401's
 * WWW-Authenticate says how to log in. Basic sends the login with every later request. Bearer
 * (the Docker token protocol: distribution's docs/spec/auth/token.md) trades the login for a
 * token per set of scopes at the realm, cached until 90 % of its `expires_in` (60 s when not
 * given) has passed. A 401 with `error="insufficient_scope"` (a mount also needs pull on the
 * source repository) gets a token for the scopes asked for and those the challenge names.
 */



/**
 * Parses a WWW-Authenticate value (RFC 9110 §11.6.1), which may hold several challenges, and
 * quoted values with commas (`scope="repository:a:pull,push"`) and backslash escapes.
 */
function parseChallenges(header) {
    const challenges = [];
    let i = 0;
    const skip = (chars) => {
        while (i < header.length && chars.test(header[i]))
            i++;
    };
    const token = () => {
        const start = i;
        while (i < header.length && !/[\s,="]/.test(header[i]))
            i++;
        return header.slice(start, i);
    };
    for (;;) {
        skip(/[\s,]/);
        const scheme = token();
        if (scheme === '')
            break;
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        challenges.push(challenge);
        for (;;) {
            skip(/[\s,]/);
            const start = i;
            const name = token();
            skip(/\s/);
            if (name === '' || header[i] !== '=') {
                // The next challenge's scheme (or a token68, which no registry uses): step back.
                i = start;
                break;
            }
            i++;
            skip(/\s/);
            let value = '';
            if (header[i] === '"') {
                i++;
                while (i < header.length && header[i] !== '"') {
                    if (header[i] === '\\')
                        i++;
                    value += header[i] ?? '';
                    i++;
                }
                i++;
            }
            else {
                value = token();
            }
            challenge.params[name.toLowerCase()] = value;
        }
        if (i >= header.length)
            break;
    }
    return challenges;
}
/**
 * Scopes as a sorted set, the actions of one resource merged: `repository:a:pull` and
 * `repository:a:push` make `repository:a:pull,push`. The resource name is what lies between
 * the first and the last `:`.
 */
function mergeScopes(scopes) {
    const actions = new Map();
    const plain = new Set();
    for (const scope of scopes) {
        for (const one of scope.split(' ')) {
            const first = one.indexOf(':');
            const last = one.lastIndexOf(':');
            if (first === -1 || first === last) {
                if (one !== '')
                    plain.add(one);
                continue;
            }
            const resource = one.slice(0, last);
            const set = actions.get(resource) ?? new Set();
            for (const action of one.slice(last + 1).split(','))
                if (action !== '')
                    set.add(action);
            actions.set(resource, set);
        }
    }
    const merged = [...actions].map(([resource, set]) => `${resource}:${[...set].sort().join(',')}`);
    return [...merged, ...plain].sort();
}
/** Whether a token asked for `granted` was also asked for everything in `wanted`. */
function covers(granted, wanted) {
    const merged = mergeScopes([...granted, ...wanted]);
    return merged.length === granted.length && merged.every((s, i) => s === granted[i]);
}
function basicHeader(username, password) {
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
/** The base64 of a login is as secret as the login: a registry may echo the header back. */
function maskBasic(mask, credentials) {
    if (credentials?.kind === 'basic')
        mask.add(basicHeader(credentials.username, credentials.password).slice(6));
}
/** The authentication state of one registry, shared by all its repositories. */
class HostAuth {
    options;
    known;
    tokens = [];
    pending = new Map();
    constructor(options) {
        this.options = options;
    }
    /** The Authorization value for a request that needs `scopes`; undefined before any challenge. */
    async authorization(scopes, op) {
        const known = this.known;
        if (known === undefined)
            return undefined;
        const credentials = await this.options.credentials();
        maskBasic(this.options.http.mask, credentials);
        if (known.scheme === 'basic') {
            return credentials?.kind === 'basic'
                ? basicHeader(credentials.username, credentials.password)
                : undefined;
        }
        if (credentials?.kind === 'registry-token')
            return `Bearer ${credentials.token}`;
        return `Bearer ${(await this.token(known, mergeScopes(scopes), op)).value}`;
    }
    /**
     * Learns from a 401 of the registry. Returns the scopes to ask for in the next try, or
     * undefined when another try cannot help (no login to send, or an unknown scheme).
     */
    async challenged(header, scopes, sent) {
        const challenges = parseChallenges(header ?? '');
        const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
        if (bearer) {
            let realm;
            try {
                realm = new URL(bearer.params.realm);
            }
            catch {
                return undefined;
            }
            this.known = { scheme: 'bearer', realm, service: bearer.params.service };
            if (sent?.startsWith('Bearer ')) {
                const refused = sent.slice('Bearer '.length);
                this.tokens = this.tokens.filter((t) => t.value !== refused);
                // A registry token from the config cannot be traded for a better one.
                if ((await this.options.credentials())?.kind === 'registry-token')
                    return undefined;
            }
            return mergeScopes([...scopes, ...(bearer.params.scope ?? '').split(' ')]);
        }
        if (challenges.some((c) => c.scheme === 'basic')) {
            this.known = { scheme: 'basic' };
            const credentials = await this.options.credentials();
            if (credentials?.kind !== 'basic')
                return undefined;
            return sent === basicHeader(credentials.username, credentials.password)
                ? undefined
                : [...scopes];
        }
        return undefined;
    }
    token(known, scopes, op) {
        const now = this.options.http.now();
        this.tokens = this.tokens.filter((t) => t.expiresAt > now);
        const cached = this.tokens.find((t) => covers(t.scopes, scopes));
        if (cached)
            return Promise.resolve(cached);
        const key = `${known.realm.href} ${scopes.join(' ')}`;
        let pending = this.pending.get(key);
        if (!pending) {
            pending = this.fetchToken(known, scopes, op).finally(() => this.pending.delete(key));
            this.pending.set(key, pending);
        }
        return pending;
    }
    async fetchToken(known, scopes, op) {
        const { http } = this.options;
        const credentials = await this.options.credentials();
        maskBasic(http.mask, credentials);
        const realm = known.realm;
        // A password may cross the network only encrypted, or not leave the machine.
        const safe = realm.protocol === 'https:' || (realm.protocol === 'http:' && isLoopback(realm.host));
        if (credentials && credentials.kind !== 'registry-token' && !safe) {
            http.log.warning(`${op.registry} sends logins to ${realm.origin}, which is neither https nor on this machine; asking it for an anonymous token instead.`);
        }
        const tokenOp = {
            ...op,
            name: `${op.name} (token from ${realm.origin}${realm.pathname})`,
        };
        let url;
        let init;
        if (credentials?.kind === 'identity-token' && safe) {
            url = new URL(realm);
            const form = new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: credentials.token,
                client_id: this.options.clientId,
                ...(known.service !== undefined && { service: known.service }),
                ...(scopes.length > 0 && { scope: scopes.join(' ') }),
            });
            init = {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: form.toString(),
            };
        }
        else {
            url = new URL(realm);
            if (known.service !== undefined)
                url.searchParams.set('service', known.service);
            for (const scope of scopes)
                url.searchParams.append('scope', scope);
            const headers = {};
            if (credentials?.kind === 'basic' && safe) {
                url.searchParams.set('account', credentials.username);
                headers.authorization = basicHeader(credentials.username, credentials.password);
            }
            init = { method: 'GET', headers };
        }
        const realmOrigin = url.origin;
        let res;
        for (let redirects = 0;; redirects++) {
            res = await fetchOnce(http, tokenOp, url, init);
            const next = redirectTarget(res, url);
            if (!next)
                break;
            await discard(res);
            if (redirects >= MAX_REDIRECTS)
                throw this.tooManyRedirects(tokenOp);
            if (next.origin !== realmOrigin) {
                const headers = { ...init.headers };
                delete headers.authorization;
                init = { ...init, headers };
            }
            url = next;
        }
        if (res.status !== 200)
            throw await statusError(http, tokenOp, res, 'the token service answered ');
        const body = Buffer.from(await readBody(res, 1024 * 1024, tokenOp, url, http.mask)).toString('utf8');
        let reply;
        try {
            reply = JSON.parse(body);
        }
        catch {
            reply = {};
        }
        const value = typeof reply.token === 'string' && reply.token !== ''
            ? reply.token
            : typeof reply.access_token === 'string'
                ? reply.access_token
                : '';
        if (value === '') {
            throw new RegistryError({
                registry: op.registry,
                operation: tokenOp.name,
                problem: 'the token service answered without a token',
                hint: `Check that ${realm.origin} is the token service of ${op.registry}.`,
            });
        }
        http.mask.add(value);
        const seconds = typeof reply.expires_in === 'number' && reply.expires_in > 0 ? reply.expires_in : 60;
        const token = { scopes, value, expiresAt: http.now() + seconds * 900 };
        this.tokens.push(token);
        return token;
    }
    tooManyRedirects(op) {
        return new RegistryError({
            registry: op.registry,
            operation: op.name,
            problem: `more than ${MAX_REDIRECTS} redirects`,
            hint: 'Check the registry address and any proxy in front of it.',
        });
    }
}

;// CONCATENATED MODULE: ./src/registry/credentials.ts
/**
 * Where a registry's login comes from, in this order (the first that has one wins):
 *
 * 1. `credentials` given to the client (the action's `username`/`password` inputs);
 * 2. Docker's config (`<dockerConfigDir>/config.json`, else `$DOCKER_CONFIG/config.json`, else
 *    `~/.docker/config.json`): `credHelpers[registry]`, then `credsStore`, both through
 *    `docker-credential-<name> get`; then `auths[registry]` with `auth` (base64 `user:password`),
 *    `username`/`password`, `identitytoken` (an OAuth2 refresh token, as `docker login` stores
 *    for Docker Hub and Azure) or `registrytoken` (a bearer token used as is);
 * 3. for ghcr.io only, the `github-token`.
 *
 * Keys match by host: `https://index.docker.io/v1/`, `index.docker.io` and `docker.io` are the
 * same. A helper that is not installed, says it has nothing, or fails is reported and skipped,
 * as Docker does. Not supported: Docker's `proxies`/`HttpHeaders` settings and per-repository
 * keys (`registry/namespace` entries, which only Podman reads).
 */


function str(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** A map keyed by registryKey; the first of several keys for one registry wins, as in Docker. */
function byRegistry(record, pick) {
    const map = new Map();
    if (typeof record !== 'object' || record === null)
        return map;
    for (const [key, value] of Object.entries(record)) {
        const picked = pick(value);
        const k = registryKey(key);
        if (picked !== undefined && !map.has(k))
            map.set(k, picked);
    }
    return map;
}
function dockerConfigPath(options) {
    const dir = options.dockerConfigDir ??
        str(options.env.DOCKER_CONFIG) ??
        (0,external_node_path_.join)(str(options.env.HOME) ?? process.getBuiltinModule('node:os').homedir(), '.docker');
    return (0,external_node_path_.join)(dir, 'config.json');
}
async function readDockerConfig(options) {
    const path = dockerConfigPath(options);
    const { readFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1455, 23));
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (e) {
        options.log.debug(`No Docker config at ${path} (${e.code ?? String(e)})`);
        return undefined;
    }
    let parsed;
    try {
        const value = JSON.parse(text);
        if (typeof value !== 'object' || value === null || Array.isArray(value))
            throw new Error('not an object');
        parsed = value;
    }
    catch (e) {
        options.log.warning(`The Docker config ${path} is not valid JSON (${e.message}), so its logins are not used: fix the file or point DOCKER_CONFIG at another directory.`);
        return undefined;
    }
    return {
        path,
        auths: byRegistry(parsed.auths, (v) => typeof v === 'object' && v !== null ? v : undefined),
        credHelpers: byRegistry(parsed.credHelpers, str),
        credsStore: str(parsed.credsStore),
    };
}
/** What the helper is asked for: Docker Hub's historical key, else the registry host. */
function helperServerUrl(registry) {
    return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
}
async function fromHelper(helper, registry, where, options) {
    // The name becomes a program name: a path in it could run anything.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) {
        options.log.warning(`${where}: '${helper}' is not a credential helper name; it is ignored.`);
        return undefined;
    }
    const program = `docker-credential-${helper}`;
    const result = await options.exec(program, ['get'], {
        input: helperServerUrl(registry),
        env: options.env,
    });
    if (result.spawnError) {
        const why = result.spawnError.code === 'ENOENT'
            ? 'is not on PATH'
            : `could not be started (${result.spawnError.message})`;
        options.log.warning(`${program} (${where}) ${why}, so it gives no login for ${registry}: install it or remove it from the Docker config.`);
        return undefined;
    }
    const said = options.mask.redact(`${result.stdout} ${result.stderr}`.trim());
    if (result.code !== 0) {
        if (/credentials not found/i.test(said)) {
            options.log.debug(`${program} has no login for ${registry}`);
        }
        else {
            options.log.warning(`${program} get (${where}) failed with exit code ${result.code} for ${registry}: ${said.slice(0, 300)}`);
        }
        return undefined;
    }
    let reply;
    try {
        reply = JSON.parse(result.stdout);
    }
    catch {
        options.log.warning(`${program} get (${where}) printed no JSON for ${registry}; its answer is ignored.`);
        return undefined;
    }
    const username = str(reply.Username);
    const secret = str(reply.Secret);
    if (secret === undefined)
        return undefined;
    options.mask.add(secret);
    const source = `the credential helper ${program} (${where})`;
    // Helpers mark an identity token with this user name (docker-credential-helpers' convention).
    if (username === '<token>')
        return { kind: 'identity-token', token: secret, source };
    if (username === undefined)
        return undefined;
    return { kind: 'basic', username, password: secret, source };
}
function fromAuthEntry(entry, registry, config, options) {
    const source = `the Docker config ${config.path}`;
    const identity = str(entry.identitytoken);
    if (identity !== undefined) {
        options.mask.add(identity);
        return { kind: 'identity-token', token: identity, source };
    }
    const registryToken = str(entry.registrytoken);
    if (registryToken !== undefined) {
        options.mask.add(registryToken);
        return { kind: 'registry-token', token: registryToken, source };
    }
    const auth = str(entry.auth);
    if (auth !== undefined) {
        options.mask.add(auth);
        const decoded = Buffer.from(auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon <= 0) {
            options.log.warning(`${config.path}: the 'auth' of ${registry} is not base64 of 'user:password'; it is ignored: log in again.`);
            return undefined;
        }
        options.mask.add(decoded.slice(colon + 1));
        return {
            kind: 'basic',
            username: decoded.slice(0, colon),
            password: decoded.slice(colon + 1),
            source,
        };
    }
    const username = str(entry.username);
    const password = str(entry.password);
    if (username !== undefined && password !== undefined) {
        options.mask.add(password);
        return { kind: 'basic', username, password, source };
    }
    return undefined;
}
async function lookup(registry, options, config) {
    const key = registryKey(registry);
    const explicit = options.credentials && byRegistry(options.credentials, (v) => v).get(key);
    if (explicit && explicit.username !== '' && explicit.password !== '') {
        options.mask.add(explicit.password);
        return { kind: 'basic', ...explicit, source: `the username/password given for ${registry}` };
    }
    if (config) {
        const helper = config.credHelpers.get(key);
        const viaHelper = helper !== undefined &&
            (await fromHelper(helper, key, `credHelpers in ${config.path}`, options));
        if (viaHelper)
            return viaHelper;
        const viaStore = config.credsStore !== undefined &&
            (await fromHelper(config.credsStore, key, `credsStore in ${config.path}`, options));
        if (viaStore)
            return viaStore;
        const entry = config.auths.get(key);
        const inline = entry && fromAuthEntry(entry, key, config, options);
        if (inline)
            return inline;
    }
    if (key === 'ghcr.io' && options.githubToken) {
        options.mask.add(options.githubToken);
        return {
            kind: 'basic',
            username: options.githubActor || 'x-access-token',
            password: options.githubToken,
            source: 'the github-token',
        };
    }
    return undefined;
}
/**
 * The logins of one client: the Docker config is read once, on the first lookup, and each
 * registry is looked up once (a credential helper may be slow, or ask the user).
 */
class CredentialStore {
    options;
    config;
    found = new Map();
    constructor(options) {
        this.options = options;
    }
    /** The login for `registry` (as in image names: `docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
    get(registry) {
        const key = registryKey(registry);
        let found = this.found.get(key);
        if (!found) {
            this.config ??= readDockerConfig(this.options);
            found = this.config.then((config) => lookup(key, this.options, config));
            this.found.set(key, found);
        }
        return found;
    }
}

;// CONCATENATED MODULE: ./src/registry/secrets.ts
/**
 * Every secret the client learns (passwords, identity tokens, bearer tokens) goes through one
 * SecretMask: it is reported to the caller once (so the action can `core.setSecret` it before
 * anything is printed) and scrubbed from every message the client builds, including text the
 * registry sent back, which may echo what it was given.
 */
class SecretMask {
    onSecret;
    secrets = new Set();
    constructor(onSecret) {
        this.onSecret = onSecret;
    }
    add(secret) {
        if (!secret || this.secrets.has(secret))
            return;
        this.secrets.add(secret);
        this.onSecret?.(secret);
    }
    /** `text` with every known secret replaced by `***`, longest first so no tail survives. */
    redact(text) {
        let out = text;
        for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
            out = out.split(secret).join('***');
        }
        return out;
    }
}

;// CONCATENATED MODULE: ./src/registry/transport.ts


/** The most 401s one request answers (anonymous → token → a token with more scopes). */
const MAX_CHALLENGES = 2;
class HostSession {
    http;
    auth;
    origin;
    constructor(http, auth, 
    /** `http://127.0.0.1:5000`, `https://registry-1.docker.io`. */
    origin) {
        this.http = http;
        this.auth = auth;
        this.origin = origin;
    }
    /**
     * Sends `req` and returns the final response, whatever its status; its body is the caller's.
     * With `followRedirects` false, a redirect is returned as it came.
     */
    async send(op, req, followRedirects = true) {
        let url = req.url;
        let method = req.method;
        let body = req.body;
        let scopes = req.scopes;
        let challenges = 0;
        for (let redirects = 0;;) {
            const ours = url.origin === this.origin;
            const headers = { ...req.headers };
            const authorization = ours ? await this.auth.authorization(scopes, op) : undefined;
            if (authorization !== undefined)
                headers.authorization = authorization;
            const res = await fetchOnce(this.http, op, url, {
                method,
                headers,
                ...(body !== undefined && { body: body() }),
            });
            const next = followRedirects ? redirectTarget(res, url) : undefined;
            if (next) {
                await discard(res);
                if (++redirects > MAX_REDIRECTS) {
                    throw new RegistryError({
                        registry: op.registry,
                        operation: op.name,
                        problem: `more than ${MAX_REDIRECTS} redirects, the last to ${next.origin}`,
                        hint: 'Check the registry address and any proxy in front of it.',
                    });
                }
                // As browsers do: 303, and 301/302 after a POST, continue with a GET without body.
                if (res.status === 303 ||
                    (method === 'POST' && (res.status === 301 || res.status === 302))) {
                    method = 'GET';
                    body = undefined;
                }
                url = next;
                continue;
            }
            if (res.status === 401 && ours && challenges < MAX_CHALLENGES) {
                const more = await this.auth.challenged(res.headers.get('www-authenticate'), scopes, authorization);
                if (more !== undefined) {
                    await discard(res);
                    challenges++;
                    scopes = more;
                    continue;
                }
            }
            return res;
        }
    }
}

;// CONCATENATED MODULE: ./src/registry/upload.ts


class BlobSource {
    open;
    size;
    digest;
    onBytes;
    stream;
    iterator;
    leftover;
    digester;
    computed;
    /** Bytes taken from the current stream. */
    taken = 0;
    /**
     * What went wrong with the caller's content in this read. Kept here because fetch wraps an
     * error thrown by a body (and, from another realm as under jest, replaces it by a copy).
     */
    failure;
    constructor(open, size, digest, onBytes) {
        this.open = open;
        this.size = size;
        this.digest = digest;
        this.onBytes = onBytes;
        this.digester = new Digester(digest);
    }
    /** Starts reading from a fresh `open()`, dropping any stream opened before. */
    reopen() {
        this.close();
        this.failure = undefined;
        this.leftover = undefined;
        this.digester = new Digester(this.digest);
        this.computed = undefined;
        this.taken = 0;
        try {
            this.stream = this.open();
        }
        catch (e) {
            this.fail(`opening the content of blob ${this.digest} failed: ${e.message}`, e);
        }
        // A stream can fail before its first read (a file removed before the first PATCH is sent,
        // while that PATCH waits for a token): with no listener, that 'error' would crash the
        // process. The failure still reaches us: the iterator rejects with it on the first read.
        this.stream.on('error', () => undefined);
        this.iterator = this.stream[Symbol.asyncIterator]();
    }
    /** The next `count` bytes, as an upload body. */
    async *take(count) {
        let need = count;
        while (need > 0) {
            let bytes = this.leftover ?? (await this.next());
            this.leftover = undefined;
            if (bytes === undefined) {
                this.fail(`the content of blob ${this.digest} ended after ${this.taken} bytes, but its size was given as ${this.size}`);
            }
            if (bytes.length > need) {
                this.leftover = bytes.subarray(need);
                bytes = bytes.subarray(0, need);
            }
            need -= bytes.length;
            this.taken += bytes.length;
            this.digester.update(bytes);
            this.onBytes(bytes.length);
            yield bytes;
        }
    }
    /**
     * The whole content from a fresh `open()`. The last piece is held back until the length and
     * the digest are checked: a registry never receives all of a wrong blob, so it cannot keep it.
     */
    async *whole() {
        this.reopen();
        let held;
        for await (const piece of this.take(this.size)) {
            if (held)
                yield held;
            held = piece;
        }
        await this.end();
        this.checkDigest();
        if (held)
            yield held;
    }
    /** Checks that the stream has nothing after `size` bytes. */
    async end() {
        if ((this.leftover !== undefined && this.leftover.length > 0) ||
            (await this.next()) !== undefined) {
            this.fail(`the content of blob ${this.digest} is longer than its given size of ${this.size} bytes`);
        }
    }
    /** Checks, once `size` bytes were taken, that they hash to the digest. */
    checkDigest() {
        this.computed ??= this.digester.digest();
        if (this.computed !== this.digest) {
            this.fail(`the content of blob ${this.digest} hashes to ${this.computed}: the digest is wrong, or the content changed while it was read`);
        }
    }
    close() {
        this.stream?.destroy();
        this.stream = undefined;
        this.iterator = undefined;
    }
    fail(message, cause) {
        this.failure = new BlobSourceError(message, cause === undefined ? undefined : { cause });
        throw this.failure;
    }
    async next() {
        if (!this.iterator)
            throw new Error('BlobSource: reopen() first');
        for (;;) {
            let result;
            try {
                result = await this.iterator.next();
            }
            catch (e) {
                this.fail(`reading the content of blob ${this.digest} failed: ${e.message}`, e);
            }
            if (result.done)
                return undefined;
            const value = result.value;
            if (typeof value === 'string')
                return Buffer.from(value);
            if (!ArrayBuffer.isView(value)) {
                this.fail(`the content of blob ${this.digest} came as ${typeof value}, not bytes: open() must return a byte stream`);
            }
            if (value.byteLength > 0)
                return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        }
    }
}

;// CONCATENATED MODULE: ./src/registry/client.ts
/**
 * Our OCI distribution client (the distribution spec's pull, push and content-discovery
 * endpoints), on Node's fetch.
 *
 *   const registry = createRegistryClient({ githubToken, log });
 *   const repo = registry.repository('ghcr.io/acme/app');
 *   const head = await repo.headManifest('1.2.3');
 *
 * One client holds one login and token cache per registry: every repository of a registry
 * shares them, so a push of five tags to ghcr.io asks for a token once per scope. Every method
 * retries transient failures itself (see retry.ts) and fails with a RegistryError that names
 * the operation, the registry's answer and what to do.
 */














const MANIFEST_LIMIT = 4 * 1024 * 1024;
const TAG_LIST_LIMIT = 32 * 1024 * 1024;
const OCTET_STREAM = 'application/octet-stream';
const NO_LOG = { debug: () => undefined, warning: () => undefined };
/** Content types that say nothing about the manifest: the body's own `mediaType` tells. */
const GENERIC_TYPES = new Set(['', 'application/json', 'text/plain', OCTET_STREAM]);
function createRegistryClient(options = {}) {
    const stats = { requests: 0, blobBytesSent: 0, blobBytesReceived: 0, retries: 0 };
    const mask = new SecretMask(options.onSecret);
    const log = options.log ?? NO_LOG;
    const http = {
        fetch: options.fetch ?? globalThis.fetch,
        log: {
            debug: (m) => log.debug(mask.redact(m)),
            warning: (m) => log.warning(mask.redact(m)),
        },
        mask,
        stats,
        userAgent: options.userAgent ?? 'image-release',
        now: options.now ?? Date.now,
    };
    const store = new CredentialStore({
        credentials: options.credentials,
        githubToken: options.githubToken,
        githubActor: options.githubActor,
        dockerConfigDir: options.dockerConfigDir,
        env: options.env ?? process.env,
        exec: options.exec ?? spawnExec,
        log: http.log,
        mask,
    });
    const settings = {
        http,
        policy: retryPolicy(options.retries),
        chunkSize: Math.max(1, Math.floor(options.chunkSize ?? 32 * 1024 * 1024)),
        tagPageSize: Math.max(1, Math.floor(options.tagPageSize ?? 1000)),
    };
    // Tokens and logins are per registry: docker.io and index.docker.io share one session.
    const sessions = new Map();
    const sessionFor = (ref) => {
        let entry = sessions.get(ref.registry);
        if (!entry) {
            let found;
            const credentials = async () => (found = await store.get(ref.registry));
            const origin = new URL(`${ref.scheme}//${ref.apiHost}`).origin;
            const auth = new HostAuth({ http, origin, credentials, clientId: http.userAgent });
            entry = { session: new HostSession(http, auth, origin), source: () => found?.source };
            sessions.set(ref.registry, entry);
        }
        return entry;
    };
    return {
        stats,
        redact: (text) => mask.redact(text),
        repository(ref) {
            const parsed = typeof ref === 'string' ? parseReference(ref) : ref;
            const { session, source } = sessionFor(parsed);
            return new RegistryRepository(parsed, session, settings, source);
        },
    };
}
function checkManifestReference(reference) {
    if (!plan_reference/* TAG_PATTERN */.A0.test(reference) && !isDigest(reference)) {
        throw new Error(`'${reference}' is neither a tag (${plan_reference/* TAG_GRAMMAR */.z1}) nor a digest (${DIGEST_GRAMMAR})`);
    }
}
function contentType(res) {
    return (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
}
/** The manifest's media type: the Content-Type, unless it is a generic one and the body says. */
function manifestMediaType(res, bytes) {
    const type = contentType(res);
    if (!GENERIC_TYPES.has(type))
        return type;
    try {
        const own = JSON.parse(Buffer.from(bytes).toString('utf8'))
            .mediaType;
        if (typeof own === 'string' && own !== '')
            return own;
    }
    catch {
        // not JSON; keep what the header said
    }
    return type;
}
/** `url` with one more query parameter, the query it already has kept byte for byte. */
function withQuery(url, name, value) {
    const out = new URL(url);
    out.search = `${url.search === '' ? '?' : `${url.search}&`}${name}=${encodeURIComponent(value)}`;
    return out;
}
/** The `rel="next"` target of a Link header, resolved against the page that sent it. */
function nextLink(header, base) {
    if (!header)
        return undefined;
    for (const m of header.matchAll(/<([^>]*)>([^,<]*)/g)) {
        for (const param of (m[2] ?? '').split(';')) {
            const rel = /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(param);
            if (rel && (rel[1] ?? '').split(/\s+/).includes('next'))
                return new URL(m[1] ?? '', base);
        }
    }
    return undefined;
}
class RegistryRepository {
    ref;
    session;
    settings;
    credentialSource;
    name;
    pull;
    push;
    constructor(ref, session, settings, credentialSource) {
        this.ref = ref;
        this.session = session;
        this.settings = settings;
        this.credentialSource = credentialSource;
        this.name = repositoryName(ref);
        this.pull = [`repository:${ref.repository}:pull`];
        this.push = [`repository:${ref.repository}:pull,push`];
    }
    async headManifest(reference) {
        checkManifestReference(reference);
        const op = this.op(`HEAD manifest ${reference}`, 'pull', `Manifest ${reference}`);
        const head = await this.retry(async () => {
            const res = await this.send(op, {
                method: 'HEAD',
                url: this.url(`manifests/${reference}`),
                headers: { accept: MANIFEST_ACCEPT.join(', ') },
                scopes: this.pull,
            });
            await discard(res);
            if (res.status === 404)
                return undefined;
            if (res.status !== 200)
                throw await statusError(this.settings.http, op, res);
            const header = res.headers.get('docker-content-digest') ?? '';
            const digest = isDigest(header) ? header : isDigest(reference) ? reference : undefined;
            const size = Number(res.headers.get('content-length') ?? NaN);
            const mediaType = contentType(res);
            if (isDigest(reference) && digest !== reference) {
                throw this.mismatch(op, `the registry says manifest ${reference} has digest ${digest ?? '?'}`);
            }
            // Without a digest, a size or a specific type, only the manifest itself can tell.
            if (digest === undefined || !Number.isSafeInteger(size) || GENERIC_TYPES.has(mediaType))
                return 'get';
            return { mediaType, digest, size };
        });
        if (head !== 'get')
            return head;
        const manifest = await this.getManifest(reference);
        return (manifest && {
            mediaType: manifest.mediaType,
            digest: manifest.digest,
            size: manifest.bytes.length,
        });
    }
    async getManifest(reference) {
        checkManifestReference(reference);
        const op = this.op(`GET manifest ${reference}`, 'pull', `Manifest ${reference}`);
        const url = this.url(`manifests/${reference}`);
        return this.retry(async () => {
            const res = await this.send(op, {
                method: 'GET',
                url,
                headers: { accept: MANIFEST_ACCEPT.join(', ') },
                scopes: this.pull,
            });
            if (res.status === 404) {
                await discard(res);
                return undefined;
            }
            if (res.status !== 200)
                throw await statusError(this.settings.http, op, res);
            const bytes = await readBody(res, MANIFEST_LIMIT, op, url, this.settings.http.mask);
            const digest = digestOf(bytes, isDigest(reference) ? reference : undefined);
            if (isDigest(reference) && digest !== reference) {
                throw this.mismatch(op, `the bytes received hash to ${digest}`);
            }
            const header = res.headers.get('docker-content-digest') ?? '';
            if (isDigest(header) && digestOf(bytes, header) !== header) {
                throw this.mismatch(op, `the bytes received do not hash to the Docker-Content-Digest ${header}`);
            }
            return { mediaType: manifestMediaType(res, bytes), digest, bytes };
        });
    }
    async putManifest(reference, manifest) {
        checkManifestReference(reference);
        const digest = digestOf(manifest.bytes, isDigest(reference) ? reference : undefined);
        if (isDigest(reference) && digest !== reference) {
            throw new Error(`putManifest ${reference} in ${this.name}: the manifest's bytes hash to ${digest}, not to the digest it is put under`);
        }
        const op = this.op(`PUT manifest ${reference}`, 'push', `Manifest ${reference}`);
        await this.retry(async () => {
            const res = await this.send(op, {
                method: 'PUT',
                url: this.url(`manifests/${reference}`),
                headers: { 'content-type': manifest.mediaType },
                body: () => manifest.bytes,
                scopes: this.push,
            });
            if (res.status < 200 || res.status > 299) {
                throw await statusError(this.settings.http, op, res);
            }
            await discard(res);
            this.checkStoredDigest(op, res, digest);
        });
        return digest;
    }
    hasBlob(digest) {
        checkDigest(digest, `hasBlob in ${this.name}`);
        return this.blobExists(digest, this.pull);
    }
    /** A HEAD with the scopes of what comes next: before an upload, one push token serves both. */
    blobExists(digest, scopes) {
        const op = this.op(`HEAD blob ${digest}`, 'pull', `Blob ${digest}`);
        return this.retry(async () => {
            const res = await this.send(op, { method: 'HEAD', url: this.url(`blobs/${digest}`), scopes }, false);
            await discard(res);
            if (res.status === 404)
                return false;
            // A redirect to storage means the registry has it; storage URLs signed for GET refuse a HEAD.
            if (res.status === 200 || (res.status >= 301 && res.status <= 308))
                return true;
            throw await statusError(this.settings.http, op, res);
        });
    }
    async getBlob(digest) {
        checkDigest(digest, `getBlob in ${this.name}`);
        const op = this.op(`GET blob ${digest}`, 'pull', `Blob ${digest}`);
        const url = this.url(`blobs/${digest}`);
        const attempts = new Attempts(this.settings.policy, this.settings.http.log, () => this.settings.http.stats.retries++);
        let first;
        while (!first) {
            attempts.tries++;
            try {
                first = await this.openBlob(op, url, 0);
            }
            catch (e) {
                await attempts.failed(e);
            }
        }
        return external_node_stream_.Readable.from(this.blobBytes(digest, op, url, first, attempts), { objectMode: false });
    }
    async mountBlob(digest, fromRepository) {
        checkDigest(digest, `mountBlob in ${this.name}`);
        if (!isRepositoryPath(fromRepository)) {
            throw new Error(`mountBlob in ${this.name}: '${fromRepository}' is not a repository path; give it without the registry, e.g. acme/base`);
        }
        if (fromRepository === this.ref.repository)
            return this.hasBlob(digest);
        const op = this.op(`mount blob ${digest} from ${fromRepository}`, 'push', `Blob ${digest}`);
        const url = this.url('blobs/uploads/');
        url.searchParams.set('mount', digest);
        url.searchParams.set('from', fromRepository);
        const mounted = this.retry(async () => {
            const res = await this.send(op, {
                method: 'POST',
                url,
                headers: { 'content-length': '0' },
                scopes: [...this.push, `repository:${fromRepository}:pull`],
            });
            if (res.status !== 201 && res.status !== 202) {
                throw await statusError(this.settings.http, op, res);
            }
            await discard(res);
            if (res.status === 201)
                return true;
            // The registry declined and opened an upload session instead: close it, not to leave it.
            const location = res.headers.get('location');
            if (location !== null)
                await this.cancelUpload(op, new URL(location, url));
            return false;
        });
        // A login that may not read the source is a declined mount: the upload that follows will
        // tell whether it may push.
        return mounted.catch((e) => {
            if (!(e instanceof RegistryError) || (e.status !== 401 && e.status !== 403))
                throw e;
            this.settings.http.log.debug(`${e.message} Uploading instead.`);
            return false;
        });
    }
    async uploadBlob(digest, size, open) {
        checkDigest(digest, `uploadBlob in ${this.name}`);
        if (!Number.isSafeInteger(size) || size < 0) {
            throw new Error(`uploadBlob ${digest} in ${this.name}: the size ${size} is not a byte count`);
        }
        if (await this.blobExists(digest, this.push))
            return;
        const op = this.op(`upload blob ${digest} (${size} bytes)`, 'push', `Blob ${digest}`);
        const source = new BlobSource(open, size, digest, (n) => (this.settings.http.stats.blobBytesSent += n));
        try {
            await this.retry(() => this.uploadOnce(op, source));
        }
        finally {
            source.close();
        }
    }
    async listTags() {
        const op = this.op('GET tags', 'pull', 'The tag list');
        let url = this.url('tags/list');
        url.searchParams.set('n', String(this.settings.tagPageSize));
        const tags = [];
        const seen = new Set();
        for (let page = 0; url !== undefined; page++) {
            if (seen.has(url.href))
                break;
            seen.add(url.href);
            const pageUrl = url;
            const result = await this.retry(async () => {
                const res = await this.send(op, {
                    method: 'GET',
                    url: pageUrl,
                    headers: { accept: 'application/json' },
                    scopes: this.pull,
                });
                if (res.status === 404) {
                    await discard(res);
                    return undefined;
                }
                if (res.status !== 200) {
                    const error = await statusError(this.settings.http, op, res);
                    // A registry with a lower page limit than ours: let it choose the page size.
                    if (error.codes.includes('PAGINATION_NUMBER_INVALID') && pageUrl.searchParams.has('n')) {
                        const next = new URL(pageUrl);
                        next.searchParams.delete('n');
                        return { tags: [], next };
                    }
                    throw error;
                }
                const body = await readBody(res, TAG_LIST_LIMIT, op, pageUrl, this.settings.http.mask);
                let list;
                try {
                    list = JSON.parse(Buffer.from(body).toString('utf8')).tags;
                }
                catch {
                    list = 'invalid';
                }
                if (list !== null && list !== undefined && !Array.isArray(list)) {
                    throw new RegistryError({
                        registry: this.ref.registry,
                        operation: op.name,
                        problem: 'the answer is not a tag list ({"tags": [...]})',
                        hint: 'Check that the registry implements the OCI distribution API at this address.',
                    });
                }
                const pageTags = (list ?? []).filter((t) => typeof t === 'string');
                return { tags: pageTags, next: nextLink(res.headers.get('link'), pageUrl) };
            });
            if (result === undefined) {
                // The repository does not exist (yet): no tags. Gone after the first page is not that.
                if (page === 0)
                    return [];
                throw new RegistryError({
                    registry: this.ref.registry,
                    operation: op.name,
                    problem: `page ${page + 1} of the tag list was not found`,
                    hint: 'The repository was deleted or changed while it was listed: run again.',
                });
            }
            tags.push(...result.tags);
            url = result.next;
        }
        return tags;
    }
    // --- the parts -----------------------------------------------------------------------------
    async uploadOnce(op, source) {
        const { http, chunkSize } = this.settings;
        const start = this.url('blobs/uploads/');
        const res = await this.send(op, {
            method: 'POST',
            url: start,
            headers: { 'content-length': '0' },
            scopes: this.push,
        });
        if (res.status !== 202)
            throw await statusError(http, op, res);
        await discard(res);
        let location = this.location(op, res, start);
        try {
            let done;
            if (source.size <= chunkSize) {
                done = await this.send(op, {
                    method: 'PUT',
                    url: withQuery(location, 'digest', source.digest),
                    headers: { 'content-type': OCTET_STREAM, 'content-length': String(source.size) },
                    body: () => source.whole(),
                    scopes: this.push,
                });
            }
            else {
                // A registry may ask for bigger chunks (OCI-Chunk-Min-Length, distribution spec 1.1).
                const minimum = Number(res.headers.get('oci-chunk-min-length') ?? 0);
                const chunk = Math.max(chunkSize, Number.isSafeInteger(minimum) ? minimum : 0);
                source.reopen();
                for (let offset = 0; offset < source.size;) {
                    const count = Math.min(chunk, source.size - offset);
                    let sent = false;
                    const patch = await this.send(op, {
                        method: 'PATCH',
                        url: location,
                        headers: {
                            'content-type': OCTET_STREAM,
                            'content-length': String(count),
                            'content-range': `${offset}-${offset + count - 1}`,
                        },
                        body: () => {
                            if (sent)
                                throw this.restart(op, 'the registry asked for a login again in the middle of the upload');
                            sent = true;
                            return source.take(count);
                        },
                        scopes: this.push,
                    });
                    if (patch.status !== 202)
                        throw await statusError(http, op, patch);
                    await discard(patch);
                    const range = /^(?:bytes=)?0-(\d+)$/.exec(patch.headers.get('range') ?? '');
                    if (range && Number(range[1]) !== offset + count - 1) {
                        throw this.restart(op, `the registry has bytes 0-${range[1]} after a chunk ending at ${offset + count - 1}`);
                    }
                    location = this.location(op, patch, location);
                    offset += count;
                }
                await source.end();
                source.checkDigest();
                done = await this.send(op, {
                    method: 'PUT',
                    url: withQuery(location, 'digest', source.digest),
                    headers: { 'content-length': '0' },
                    scopes: this.push,
                });
            }
            if (done.status < 200 || done.status > 299)
                throw await statusError(http, op, done);
            await discard(done);
            this.checkStoredDigest(op, done, source.digest);
        }
        catch (e) {
            // A session that will not be completed is closed, not left for the registry to expire.
            await this.cancelUpload(op, location);
            // The caller's content failed (fetch reports it as a failed connection): no retry helps.
            if (source.failure) {
                throw new BlobSourceError(`upload of blob ${source.digest} to ${this.name}: ${source.failure.message}`, {
                    cause: source.failure,
                });
            }
            throw e;
        }
    }
    async openBlob(op, url, offset) {
        const res = await this.send(op, {
            method: 'GET',
            url,
            // Offsets count stored bytes: no compression by a proxy on the way.
            headers: { 'accept-encoding': 'identity', ...(offset > 0 && { range: `bytes=${offset}-` }) },
            scopes: this.pull,
        });
        const length = Number(res.headers.get('content-length') ?? NaN);
        if (res.status === 200) {
            return { res, skip: offset, total: Number.isSafeInteger(length) ? length : undefined };
        }
        if (res.status === 206 && offset > 0) {
            const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
            if (range && Number(range[1]) === offset) {
                return { res, skip: 0, total: range[2] === '*' ? undefined : Number(range[2]) };
            }
            await discard(res);
            throw this.restart(op, `the registry resumed at the wrong offset (${res.headers.get('content-range') ?? 'no Content-Range'})`);
        }
        throw await statusError(this.settings.http, op, res);
    }
    /**
     * The blob's bytes as they arrive. A connection cut mid-way is resumed from the byte reached
     * (a Range request; a registry that ignores it resends everything and the start is skipped).
     * The digest is checked at the end: bytes already handed on cannot be taken back, so a
     * mismatch fails the stream.
     */
    async *blobBytes(digest, op, url, first, attempts) {
        const { http } = this.settings;
        const digester = new Digester(digest);
        let offset = 0;
        let current = first;
        for (;;) {
            try {
                let skip = current.skip;
                for await (const chunk of current.res.body ?? []) {
                    let bytes = chunk;
                    if (skip > 0) {
                        const dropped = Math.min(skip, bytes.length);
                        skip -= dropped;
                        bytes = bytes.subarray(dropped);
                    }
                    if (bytes.length === 0)
                        continue;
                    digester.update(bytes);
                    offset += bytes.length;
                    http.stats.blobBytesReceived += bytes.length;
                    yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
                }
                if (current.total !== undefined && offset < current.total) {
                    throw this.restart(op, `the download ended after ${offset} of ${current.total} bytes`);
                }
                break;
            }
            catch (e) {
                let error = e instanceof RegistryError ? e : networkError(op, url, e, http.mask);
                for (;;) {
                    await attempts.failed(error);
                    attempts.tries++;
                    try {
                        current = await this.openBlob(op, url, offset);
                        break;
                    }
                    catch (again) {
                        error = again;
                    }
                }
            }
        }
        const actual = digester.digest();
        if (actual !== digest) {
            throw new RegistryError({
                registry: this.ref.registry,
                operation: op.name,
                problem: `the ${offset} bytes received hash to ${actual}`,
                hint: "The registry's copy is damaged, or something between changed it: check any proxy, then report it to the registry.",
            });
        }
    }
    send(op, req, followRedirects = true) {
        return this.session.send(op, req, followRedirects);
    }
    retry(fn) {
        const { policy, http } = this.settings;
        return withRetries(policy, http.log, () => http.stats.retries++, fn);
    }
    url(path) {
        return new URL(`${this.session.origin}/v2/${this.ref.repository}/${path}`);
    }
    op(what, access, target) {
        return {
            name: `${what} in ${this.name}`,
            registry: this.ref.registry,
            hint: (status, codes) => hintFor(status, codes, {
                registry: this.ref.registry,
                name: this.name,
                access,
                credentials: this.credentialSource(),
                ...(target !== undefined && { target }),
            }),
        };
    }
    /** Where the upload goes on: the Location of `res`, relative or absolute. */
    location(op, res, base) {
        const location = res.headers.get('location');
        if (location === null || location === '') {
            throw new RegistryError({
                registry: this.ref.registry,
                operation: op.name,
                problem: `HTTP ${res.status} without a Location for the upload`,
                hint: 'The registry does not follow the distribution API: report it to its operator.',
            });
        }
        return new URL(location, base);
    }
    async cancelUpload(op, location) {
        try {
            const res = await this.send(op, { method: 'DELETE', url: location, scopes: this.push });
            await discard(res);
        }
        catch (e) {
            this.settings.http.log.debug(`Closing the upload session failed (${e.message}); the registry will expire it.`);
        }
    }
    checkStoredDigest(op, res, digest) {
        const stored = res.headers.get('docker-content-digest') ?? '';
        if (isDigest(stored) && stored.split(':')[0] === digest.split(':')[0] && stored !== digest) {
            throw new RegistryError({
                registry: this.ref.registry,
                operation: op.name,
                problem: `the registry stored it as ${stored}, not ${digest}`,
                hint: 'The registry changed the content: check any proxy in between, or report it to the registry.',
            });
        }
    }
    /** A failure the next try may not repeat: the operation starts over. */
    restart(op, problem) {
        return new RegistryError({
            registry: this.ref.registry,
            operation: op.name,
            problem,
            hint: 'Check the network and any proxy in between.',
            retryable: true,
        });
    }
    mismatch(op, problem) {
        return new RegistryError({
            registry: this.ref.registry,
            operation: op.name,
            problem,
            hint: "The registry's copy is damaged, or something between changed it: check any proxy, then report it to the registry.",
            retryable: true,
        });
    }
}

;// CONCATENATED MODULE: ./src/registry/index.ts
/** The registry client's public face: import from here, not from the parts. */







;// CONCATENATED MODULE: ./src/publish/copy.ts

/**
 * Runs `work` over `items` with at most `limit` at a time, failing with the first error. A
 * failure starts no more work and waits for the work in flight: once the copy has failed,
 * nothing of it runs on (the caller then removes the layout the uploads read from).
 */
async function inParallel(items, limit, work) {
    let next = 0;
    const errors = [];
    const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (errors.length === 0 && next < items.length) {
            const item = items[next++];
            try {
                await work(item);
            }
            catch (e) {
                errors.push(e);
            }
        }
    });
    await Promise.all(workers);
    if (errors.length > 0)
        throw errors[0];
}
function sameRegistry(a, b) {
    return b !== undefined && a.registry === b.registry && a.apiHost === b.apiHost;
}
/**
 * Makes `digest` (a manifest or an index, with everything it refers to) present in `target`,
 * without tagging it. Children go before their parent because a registry refuses a manifest
 * whose blobs, or an index whose manifests, it does not have (distribution 2.8 does). A manifest
 * already in the target is taken as complete for the same reason, so re-runs upload nothing.
 */
async function copyImage(source, digest, target, options = {}) {
    const parallel = options.parallel ?? 4;
    const same = source.mountFrom !== undefined &&
        sameRegistry(target.ref, source.mountFrom) &&
        source.mountFrom.repository === target.ref.repository;
    // uploadBlob asks first whether the blob is there; a mount needs no such question.
    const copyBlob = async (blob) => {
        const from = source.mountFrom;
        if (from !== undefined && sameRegistry(target.ref, from)) {
            if (await target.mountBlob(blob.digest, from.repository))
                return;
        }
        await target.uploadBlob(blob.digest, blob.size, () => source.openBlob(blob.digest));
    };
    const copyManifest = async (d) => {
        if (await target.headManifest(d))
            return;
        const m = await source.manifest(d);
        const json = JSON.parse(Buffer.from(m.bytes).toString('utf8'));
        if (isIndexType(m.mediaType) || json.manifests !== undefined) {
            for (const child of json.manifests ?? [])
                await copyManifest(child.digest);
        }
        else {
            // Foreign layers (with `urls`) live elsewhere by design and are never uploaded.
            const blobs = [
                ...(json.config ? [json.config] : []),
                ...(json.layers ?? []).filter((l) => l.urls === undefined || l.urls.length === 0),
            ];
            await inParallel(blobs, parallel, copyBlob);
        }
        await target.putManifest(d, { mediaType: m.mediaType, bytes: m.bytes });
    };
    // Within one repository the content is already there: nothing to copy.
    if (same && (await target.headManifest(digest)))
        return;
    await copyManifest(digest);
}

;// CONCATENATED MODULE: ./src/publish/guard.ts

const REVISION = 'org.opencontainers.image.revision';
const VERSION = 'org.opencontainers.image.version';
/** Publishing would move a guarded tag; the message says what exists and how to proceed. */
class TagConflictError extends Error {
    name = 'TagConflictError';
}
function guard_short(digest) {
    return digest.slice(0, 'sha256:'.length + 12);
}
async function readJson(repo, digest) {
    const stream = await repo.getBlob(digest);
    const chunks = [];
    let size = 0;
    for await (const chunk of stream) {
        size += chunk.length;
        // An image config is a few KB; anything huge is not one and is not worth reading.
        if (size > 4 * 1024 * 1024) {
            stream.destroy();
            return undefined;
        }
        chunks.push(chunk);
    }
    try {
        return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    catch {
        return undefined;
    }
}
/**
 * The commit and version an image was built as: the `org.opencontainers.image.*` labels of the
 * first platform's config, else the index or manifest annotations. Empty when it carries none.
 */
async function originOf(repo, digest, 
/** The manifest of `digest` when the caller has it already: one request fewer. */
known) {
    const m = known?.digest === digest ? known : await repo.getManifest(digest);
    if (!m)
        return {};
    const json = JSON.parse(Buffer.from(m.bytes).toString('utf8'));
    const annotated = {
        ...(json.annotations?.[REVISION] !== undefined && { revision: json.annotations[REVISION] }),
        ...(json.annotations?.[VERSION] !== undefined && { version: json.annotations[VERSION] }),
    };
    // Multi-platform builds annotate the index with both: no need to read a config blob.
    if (annotated.revision !== undefined && annotated.version !== undefined)
        return annotated;
    let labels;
    if (isIndexType(m.mediaType) || json.manifests !== undefined) {
        // Attestation manifests (unknown/unknown) carry no config labels: take a real platform.
        const child = (json.manifests ?? []).find((d) => d.platform?.os !== 'unknown');
        const inner = child ? await originOf(repo, child.digest) : {};
        return { ...annotated, ...inner };
    }
    if (json.config) {
        const config = (await readJson(repo, json.config.digest));
        labels = config?.config?.Labels;
    }
    return {
        ...annotated,
        ...(labels?.[REVISION] !== undefined && { revision: labels[REVISION] }),
        ...(labels?.[VERSION] !== undefined && { version: labels[VERSION] }),
    };
}
/** The commit an image was built from, or undefined when it does not say. */
async function revisionOf(repo, digest) {
    return (await originOf(repo, digest)).revision;
}
async function headTags(repo, tags) {
    const heads = await Promise.all(tags.map((t) => repo.headManifest(t)));
    return new Map(tags.map((t, i) => [t, heads[i]?.digest]));
}
/**
 * The guard run before anything is built or pushed. When promoting, every guarded tag must be
 * absent or already on the promoted digest. When building:
 * - a version tag that exists must hold an image of this commit built as this version; then it
 *   is this release, half-done or done, and the run completes its tags on that digest instead of
 *   building again (re-runs are idempotent even when builds are not reproducible);
 * - a commit tag (`<stage>-<sha7>`) that exists must hold an image of this commit; it then moves
 *   to this build, since a branch build and a version build of one commit share it.
 * Anything else fails the run, unless `overwrite`.
 */
async function guardTags(repo, imageName, guarded, expected, overwrite) {
    const existing = await headTags(repo, guarded.map((g) => g.name));
    const present = guarded
        .map((g) => [g, existing.get(g.name)])
        .filter((e) => e[1] !== undefined);
    if (present.length === 0 || overwrite)
        return { existing };
    const howTo = 'Published tags are never replaced by accident: release a new version, delete the tag in the registry, or set overwrite: true to replace it.';
    const listOf = (entries) => entries.map(([g, d]) => `${imageName}:${g.name} (${guard_short(d)})`).join(', ');
    const exist = (n) => (n === 1 ? 'exists' : 'exist');
    if (expected.kind === 'digest') {
        const other = present.filter(([, d]) => d !== expected.digest);
        if (other.length === 0)
            return { existing, published: expected.digest };
        throw new TagConflictError(`${listOf(other)} already ${exist(other.length)} on other content than the promoted ${guard_short(expected.digest)}. ${howTo}`);
    }
    const origins = new Map();
    const origin = async (digest) => {
        let o = origins.get(digest);
        if (o === undefined) {
            o = await originOf(repo, digest);
            origins.set(digest, o);
        }
        return o;
    };
    const commit = (o) => o.revision === undefined
        ? 'an image with no revision label'
        : `commit ${o.revision.slice(0, 7)}`;
    const wanted = `commit ${expected.sha.slice(0, 7)} as ${expected.version}`;
    for (const [g, d] of present.filter(([g]) => g.names === 'commit')) {
        const o = await origin(d);
        if (o.revision !== expected.sha) {
            throw new TagConflictError(`${imageName}:${g.name} (${guard_short(d)}) already exists, built from ${commit(o)}, and this run builds ${wanted}. ${howTo}`);
        }
    }
    const versions = present.filter(([g]) => g.names === 'version');
    if (versions.length === 0)
        return { existing };
    const digests = [...new Set(versions.map(([, d]) => d))];
    const only = digests.length === 1 ? digests[0] : undefined;
    if (only !== undefined) {
        const o = await origin(only);
        if (o.revision === expected.sha && o.version === expected.version) {
            return { existing, published: only };
        }
        throw new TagConflictError(`${listOf(versions)} already ${exist(versions.length)}, built from ${commit(o)}${o.version !== undefined ? ` as ${o.version}` : ''}, and this run builds ${wanted}. ${howTo}`);
    }
    throw new TagConflictError(`${listOf(versions)} already exist on different images, and this run builds ${wanted}. ${howTo}`);
}
/**
 * Right before tagging: a guarded tag must still be where the guard saw it, or on the digest
 * about to be tagged (a re-run of this very step), else another run got there first.
 */
async function recheckTags(repo, imageName, before, digest, overwrite) {
    if (overwrite)
        return;
    const now = await headTags(repo, [...before.keys()]);
    for (const [tag, d] of now) {
        if (d === undefined || d === digest || d === before.get(tag))
            continue;
        throw new TagConflictError(`${imageName}:${tag} was pushed by someone else while this run was building (it now holds ${guard_short(d)}); nothing was tagged. Re-run to judge again, or set overwrite: true.`);
    }
}

// EXTERNAL MODULE: ./src/plan/tags.ts
var tags = __webpack_require__(9458);
// EXTERNAL MODULE: ./src/plan/version.ts
var version = __webpack_require__(5671);
;// CONCATENATED MODULE: ./src/publish/publish.ts



/**
 * The platforms an index lists, attestation manifests (`unknown/unknown`) left out; a single
 * manifest says nothing of its platform without its config, so it gives [].
 */
function indexPlatforms(manifest) {
    try {
        const json = JSON.parse(Buffer.from(manifest.bytes).toString('utf8'));
        return (json.manifests ?? [])
            .map((m) => m.platform)
            .filter((p) => p?.os !== undefined && p.os !== 'unknown' && p.architecture !== undefined)
            .map((p) => [p?.os, p?.architecture, p?.variant].filter((x) => x !== undefined).join('/'));
    }
    catch {
        return [];
    }
}
/**
 * Runs each image's guard, before anything is built. Fails with a TagConflictError naming the
 * conflicting tags of the first image that has one.
 */
async function preflight(targets, plan, options) {
    const exact = plan.tags.filter((t) => !tags/* FLOATING_KINDS */.ZZ.has(t.kind));
    const guarded = exact
        .filter((t) => tags/* GUARDED_KINDS */.$g.has(t.kind))
        .map((t) => ({
        name: t.name,
        names: t.kind === 'stage' ? 'commit' : 'version',
    }));
    return Promise.all(targets.map(async (target) => {
        const guard = await guardTags(target.repo, target.image, guarded, options.expected, options.overwrite);
        const floating = async () => {
            const decision = (0,tags/* tagsForImage */.uK)(plan.tags, plan.semver, options.latest, await target.repo.listTags(), (t) => (0,version/* parseVersion */.ot)(t));
            return { ...decision, tags: decision.tags.filter((t) => tags/* FLOATING_KINDS */.ZZ.has(t.kind)) };
        };
        return { target, exact, floating, guard };
    }));
}
/** The rounds tags are applied in: every image's exact tags, then X.Y, then X, then latest. */
const FLOATING_ROUNDS = ['minor', 'major', 'latest'];
/**
 * Tags every image's content, which must already be complete in its repository. The guard is
 * checked again first for every image, so a conflict found now leaves no tag moved. Then come
 * rounds: every image's exact tags, then `X.Y`, `X`, `latest`, so a failure part-way never leaves
 * a floating tag ahead of its version. The floating tags are judged after the exact round, from
 * the tag list as it is then: a newer version released while this one was building keeps them.
 */
async function applyTags(preflights, digestOf, manifestOf, overwrite) {
    await Promise.all(preflights.map((p) => recheckTags(p.target.repo, p.target.image, p.guard.existing, digestOf(p), overwrite)));
    const manifests = await Promise.all(preflights.map((p) => manifestOf(p, digestOf(p))));
    const applied = preflights.map(() => []);
    // Every image's round ends before a failure is reported: no tag is put after the run has
    // failed, and no later round starts.
    const round = async (tagsOf) => {
        const settled = await Promise.allSettled(preflights.map(async (p, i) => {
            const m = manifests[i];
            for (const tag of tagsOf(p, i)) {
                await p.target.repo.putManifest(tag.name, { mediaType: m.mediaType, bytes: m.bytes });
                applied[i].push(tag.name);
            }
        }));
        const failed = settled.find((r) => r.status === 'rejected');
        if (failed)
            throw failed.reason;
    };
    await round((p) => p.exact);
    const floating = await Promise.all(preflights.map((p) => p.floating()));
    for (const kind of FLOATING_ROUNDS) {
        await round((_p, i) => (floating[i]?.tags ?? []).filter((t) => t.kind === kind));
    }
    return preflights.map((p, i) => ({
        image: p.target.image,
        digest: digestOf(p),
        tags: applied[i],
        reused: p.guard.published !== undefined && p.guard.published === digestOf(p),
        platforms: indexPlatforms(manifests[i]),
    }));
}

;// CONCATENATED MODULE: ./src/publish/source.ts



function source_blobPath(dir, digest) {
    const [algorithm, hex] = digest.split(':');
    if (algorithm !== 'sha256' || hex === undefined || !/^[a-f0-9]{64}$/.test(hex)) {
        throw new Error(`the OCI layout ${dir} refers to '${digest}', which is not a sha256 digest`);
    }
    return (0,external_node_path_.join)(dir, 'blobs', algorithm, hex);
}
/** An OCI image layout on disk, as `buildah manifest push --all oci:<dir>` writes it. */
function layoutSource(dir) {
    return {
        description: `the OCI layout ${dir}`,
        manifest(digest) {
            const bytes = (0,external_node_fs_.readFileSync)(source_blobPath(dir, digest));
            const mediaType = JSON.parse(bytes.toString('utf8')).mediaType;
            if (typeof mediaType !== 'string') {
                throw new Error(`the manifest ${digest} in the OCI layout ${dir} has no mediaType`);
            }
            return Promise.resolve({ mediaType, digest, bytes: new Uint8Array(bytes) });
        },
        openBlob: (digest) => (0,external_node_fs_.createReadStream)(source_blobPath(dir, digest)),
    };
}
/** Another repository (promotion): manifests fetched by digest, blobs streamed through. */
function repositorySource(repo) {
    const name = `${repo.ref.registry}/${repo.ref.repository}`;
    return {
        description: name,
        async manifest(digest) {
            const m = await repo.getManifest(digest);
            if (!m)
                throw new Error(`${name}@${digest} disappeared while it was being copied`);
            return m;
        },
        openBlob(digest) {
            // Uploads want a stream at once; the GET starts when it is asked for.
            const out = new external_node_stream_.PassThrough();
            repo.getBlob(digest).then((blob) => {
                // pipeline ties both ends: when the upload gives up on `out` (a retry, a failure),
                // the GET is closed too instead of holding its connection open.
                if (out.destroyed)
                    blob.destroy();
                else
                    (0,external_node_stream_.pipeline)(blob, out, () => { });
            }, (e) => out.destroy(e));
            return out;
        },
        mountFrom: repo.ref,
    };
}

;// CONCATENATED MODULE: ./src/publish/images.ts





/**
 * The commit and version this build's image will say it is: the labels as planned, so that a
 * `labels` input overriding them is compared with what it wrote.
 */
function buildExpected(plan) {
    const label = (key) => plan.labels.find((l) => l.key === `org.opencontainers.image.${key}`)?.value;
    return {
        kind: 'build',
        sha: label('revision') ?? plan.sha,
        version: label('version') ?? plan.version,
    };
}
function images_short(digest) {
    return digest.slice(0, 'sha256:'.length + 12);
}
async function promote(plan, options, targets, effects) {
    const first = targets[0];
    const source = await first.repo.getManifest(options.promoteFrom);
    if (!source) {
        throw new errors/* UsageError */.e('promote-from', `'${options.promoteFrom}' does not exist in ${first.image}; give a tag or digest that was pushed there (e.g. the dev-<sha7> tag of a branch build)`);
    }
    effects.info(`Promoting ${first.image}@${source.digest} (${options.promoteFrom}); nothing is built.`);
    const { revision } = await originOf(first.repo, source.digest, source);
    let published = plan;
    if (revision === undefined || !/^[0-9a-f]{40}$/.test(revision)) {
        effects.warning?.(`${first.image}:${options.promoteFrom} does not say which commit it was built from (no org.opencontainers.image.revision label), so it is published as ${plan.version} of this run's commit ${plan.sha.slice(0, 7)}.`);
    }
    else if (revision !== plan.sha && effects.replan !== undefined) {
        effects.info(`${options.promoteFrom} was built from commit ${revision.slice(0, 7)}, not this run's ${plan.sha.slice(0, 7)}: its tags and release name ${revision.slice(0, 7)}.`);
        published = await effects.replan(revision);
    }
    const expected = { kind: 'digest', digest: source.digest };
    const checked = await preflight(targets, published, { ...options, expected });
    const from = repositorySource(first.repo);
    for (const p of checked.slice(1)) {
        effects.info(`Copying ${images_short(source.digest)} to ${p.target.image}`);
        await copyImage(from, source.digest, p.target.repo);
    }
    const images = await applyTags(checked, () => source.digest, () => Promise.resolve(source), options.overwrite);
    return {
        pushed: true,
        digest: source.digest,
        images,
        promotedFrom: options.promoteFrom,
        plan: published,
    };
}
/**
 * Build, push by digest, guard, tag. The guard runs before the build so that a release that
 * would be refused costs no build time; an image whose version tags already hold this commit
 * built as this version is completed on that digest rather than rebuilt (re-runs of a
 * half-finished release).
 */
async function releaseImages(plan, push, options, effects) {
    if (!push) {
        if (options.promoteFrom !== undefined) {
            effects.info('push is off for this event: nothing is promoted.');
            return { pushed: false, images: [] };
        }
        const built = await effects.build(false);
        return {
            pushed: false,
            ...(built.digest !== undefined && { digest: built.digest }),
            images: [],
        };
    }
    const targets = plan.images.map((image) => ({ image, repo: effects.repository(image) }));
    if (options.promoteFrom !== undefined) {
        return promote(plan, { ...options, promoteFrom: options.promoteFrom }, targets, effects);
    }
    const checked = await preflight(targets, plan, {
        ...options,
        expected: buildExpected(plan),
    });
    for (const p of checked) {
        if (p.guard.published === undefined)
            continue;
        const held = [...p.guard.existing].filter(([, d]) => d !== undefined).map(([t]) => t);
        effects.info(`${p.target.image} already holds this commit built as this version (${images_short(p.guard.published)}) under ${held.join(', ')}: its tags are completed on that digest, not rebuilt. Set overwrite: true to replace it.`);
    }
    const toBuild = checked.filter((p) => p.guard.published === undefined);
    let built;
    let layout;
    if (toBuild.length > 0) {
        built = await effects.build(true);
        if (built.kind === 'local' || built.digest === undefined) {
            throw new Error('the build pushed nothing and left no image layout to push');
        }
        if (built.kind === 'layout') {
            const source = layoutSource(built.dir);
            layout = source;
            for (const p of toBuild) {
                effects.info(`Pushing ${images_short(built.digest)} to ${p.target.image} by digest`);
                await copyImage(source, built.digest, p.target.repo);
            }
        }
    }
    const builtDigest = built?.digest;
    const digestOf = (p) => p.guard.published ?? builtDigest;
    const manifestOf = async (p, digest) => {
        if (layout !== undefined && digest === builtDigest)
            return layout.manifest(digest);
        const m = await p.target.repo.getManifest(digest);
        if (!m) {
            throw new Error(`${p.target.image}@${digest} is not in the registry after the push; nothing was tagged`);
        }
        return m;
    };
    const images = await applyTags(checked, digestOf, manifestOf, options.overwrite);
    const digest = images[0]?.digest;
    return { pushed: true, ...(digest !== undefined && { digest }), images };
}

;// CONCATENATED MODULE: ./src/publish/run.ts
/**
 * The real effects of a release that is not a dry run: our registry client and a build
 * engine, wired to the plan. Loaded by main only when something is built or pushed, so the
 * dry-run path never pays for them.
 */








/** Pull requests build but do not push by default: their code is not reviewed yet. */
function shouldPush(settings, event) {
    if (settings.push !== 'auto')
        return settings.push === 'true';
    return event.name !== 'pull_request' && event.name !== 'pull_request_target';
}
/** One gha cache scope per image set and platform set: parallel jobs must not share one. */
function cacheScope(plan) {
    return `image-release:${plan.images.join(',')}:${plan.platforms.join(',')}`.replace(/[^A-Za-z0-9._:,/-]/g, '-');
}
function buildRequest(plan, settings, push, tempDir) {
    const epoch = plan.buildArgs.find((a) => a.key === 'SOURCE_DATE_EPOCH')?.value;
    return {
        context: settings.context,
        ...(settings.file !== undefined && { file: settings.file }),
        ...(settings.target !== undefined && { target: settings.target }),
        platforms: plan.platforms,
        buildArgs: plan.buildArgs,
        labels: plan.labels,
        annotations: plan.annotations,
        secrets: settings.secrets.map((s) => ({ id: s.key, value: s.value })),
        cache: settings.cache,
        cacheScope: cacheScope(plan),
        ...(settings.provenance !== undefined && { provenance: settings.provenance }),
        ...(settings.sbom !== undefined && { sbom: settings.sbom }),
        push,
        images: plan.images,
        ...(epoch !== undefined && epoch !== '' && { sourceDateEpoch: epoch }),
        tempDir,
    };
}
/**
 * The environment of the build: for buildx pushing to registries whose login only the action
 * holds, a private DOCKER_CONFIG with it (see src/build/docker-config.ts).
 */
function buildxEnv(plan, settings, env, push, tempDir, runner) {
    if (settings.engine !== 'buildx' || !push || settings.promoteFrom !== undefined)
        return env;
    const logins = [];
    for (const registry of new Set(plan.images.map((i) => parseReference(i).registry))) {
        if (settings.username !== undefined && settings.password !== undefined) {
            logins.push({
                registry,
                username: settings.username,
                password: settings.password,
                override: true,
            });
        }
        else if (registry === 'ghcr.io' && settings.githubToken !== '') {
            logins.push({
                registry,
                username: env.GITHUB_ACTOR || 'x-access-token',
                password: settings.githubToken,
                override: false,
            });
        }
    }
    const own = dockerConfigWithLogins(env, logins, tempDir);
    for (const w of own.warnings)
        runner.warning(w);
    return own.dir !== undefined ? { ...env, DOCKER_CONFIG: own.dir } : env;
}
async function publish(plan, settings, event, ctx) {
    const { runner, env } = ctx;
    const push = shouldPush(settings, event);
    const credentials = settings.username !== undefined && settings.password !== undefined
        ? Object.fromEntries(plan.images.map((image) => [
            parseReference(image).registry,
            { username: settings.username, password: settings.password },
        ]))
        : undefined;
    const client = createRegistryClient({
        ...(credentials !== undefined && { credentials }),
        ...(settings.githubToken !== '' && { githubToken: settings.githubToken }),
        ...(env.GITHUB_ACTOR !== undefined && { githubActor: env.GITHUB_ACTOR }),
        env,
        onSecret: runner.setSecret,
        log: {
            debug: (m) => runner.debug(m),
            warning: (m) => runner.warning(m),
        },
    });
    // RUNNER_TEMP is wiped by the runner after the job; our own directory is removed here too.
    const tempDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'image-release-'));
    try {
        const builder = createBuilder(settings.engine, {
            exec: spawnExec,
            env: buildxEnv(plan, settings, env, push, tempDir, runner),
            cwd: ctx.cwd,
        });
        // Promotion builds nothing: a runner without the engine may promote.
        if (settings.promoteFrom === undefined)
            await builder.check();
        return await releaseImages(plan, push, {
            latest: settings.latest,
            overwrite: settings.overwrite,
            ...(settings.promoteFrom !== undefined && { promoteFrom: settings.promoteFrom }),
        }, {
            repository: (image) => client.repository(image),
            info: (m) => runner.info(m),
            warning: (m) => runner.warning(m),
            ...(ctx.replan !== undefined && { replan: ctx.replan }),
            async build(pushNow) {
                runner.startGroup(`Build with ${settings.engine} for ${plan.platforms.join(', ')}${pushNow && settings.engine === 'buildx' ? ', pushed by digest' : ''}`);
                // Warnings become annotations, which cannot be issued while commands are stopped.
                const warnings = [];
                try {
                    const result = await runner.commandsStopped(() => builder.build(buildRequest(plan, settings, pushNow, tempDir), {
                        info: (m) => runner.info(m),
                        warning: (m) => {
                            warnings.push(m);
                            runner.info(`warning: ${m}`);
                        },
                        output: (line) => runner.info(line),
                    }));
                    if (result.kind === 'layout') {
                        return { kind: 'layout', dir: result.dir, digest: result.digest };
                    }
                    return result.pushed
                        ? { kind: 'pushed', digest: result.digest }
                        : { kind: 'local', digest: result.digest };
                }
                finally {
                    runner.endGroup();
                    for (const w of warnings)
                        runner.warning(w);
                }
            },
        });
    }
    finally {
        (0,external_node_fs_.rmSync)(tempDir, { recursive: true, force: true });
    }
}


/***/ })

};
