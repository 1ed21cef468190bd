export const id = 738;
export const ids = [738,23];
export const modules = {

/***/ 9070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   yT: () => (/* binding */ localChangelog)
/* harmony export */ });
/* unused harmony exports redactUrls, LogParser, parseLog */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(151);



/** Credentials in a remote URL (`https://user:token@host`) never reach a message. */
function redactUrls(text) {
    return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
/** The last non-empty line of git's complaint, which is the one that says what went wrong. */
function lastLine(text) {
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    return redactUrls(lines[lines.length - 1] ?? 'no message');
}
/** sha, parents, author, committer, subject, body: NUL between fields, NUL after each commit. */
const FORMAT = '%H%x00%P%x00%aN%x00%aE%x00%cN%x00%cE%x00%s%x00%b';
const FIELDS = 8;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/**
 * Reads `git log -z --format=FORMAT` as it streams in, so that parsing overlaps git's own work
 * instead of following it. `result()` is undefined when a record did not line up.
 */
class LogParser {
    commits = [];
    fields = [];
    pending = '';
    broken = false;
    push(chunk) {
        if (this.broken)
            return;
        const parts = (this.pending + chunk).split('\0');
        this.pending = parts.pop() ?? '';
        for (const part of parts) {
            this.fields.push(part);
            if (this.fields.length === FIELDS)
                this.record();
        }
    }
    record() {
        const [rawSha = '', parents = '', aName = '', aMail = '', cName = '', cMail = ''] = this.fields;
        const subject = this.fields[6] ?? '';
        let body = this.fields[7] ?? '';
        this.fields.length = 0;
        // Records are separated by the NUL alone; a newline in front is tolerated all the same.
        const sha = rawSha.charCodeAt(0) === 10 ? rawSha.slice(1) : rawSha;
        if (!SHA.test(sha)) {
            this.broken = true;
            return;
        }
        let end = body.length;
        while (end > 0 && body.charCodeAt(end - 1) === 10)
            end--;
        if (end !== body.length)
            body = body.slice(0, end);
        this.commits.push({
            sha,
            parents: parents === '' ? [] : parents.split(' '),
            author: { name: aName, email: aMail },
            committer: { name: cName, email: cMail },
            subject,
            body,
        });
    }
    result() {
        return this.broken || this.pending !== '' || this.fields.length > 0 ? undefined : this.commits;
    }
}
/** Parses the whole output of `git log -z --format=FORMAT`; undefined when it does not line up. */
function parseLog(out) {
    const parser = new LogParser();
    parser.push(out);
    return parser.result();
}
/** The history in a checkout at `cwd`, completed from its remote when needed. */
function localChangelog(cwd, options = {}) {
    const remote = options.remote ?? 'origin';
    const maxCount = options.maxCount ?? 20_000;
    const fetchTimeout = options.fetchTimeoutMs ?? 5 * 60_000;
    const baseEnv = options.env ?? process.env;
    const git = async (args, timeout = 60_000, input) => {
        const { execFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
        return new Promise((resolve) => {
            const child = execFile('git', 
            // Settings of the machine must not change what is printed: signatures, colours, pagers.
            ['-c', 'log.showSignature=false', '-c', 'color.ui=false', ...args], {
                cwd,
                encoding: 'utf8',
                maxBuffer: 1024 * 1024 * 1024,
                timeout,
                // No prompt for credentials: a fetch that needs some fails, and the API takes over.
                env: { ...baseEnv, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' },
            }, (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr }));
            if (input !== undefined) {
                child.stdin?.on('error', () => { });
                child.stdin?.end(input);
            }
        });
    };
    const line = async (args) => {
        const r = await git(args);
        return r.ok ? r.stdout.trim() : undefined;
    };
    const resolveCommit = (rev) => line(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    const isShallow = async () => (await line(['rev-parse', '--is-shallow-repository'])) === 'true';
    const offline = options.offline === true;
    const fetch = (args) => offline
        ? Promise.resolve({ ok: false, stdout: '', stderr: 'offline: nothing is fetched' })
        : git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...args], fetchTimeout);
    const shallowFile = async () => {
        const path = await line(['rev-parse', '--git-path', 'shallow']);
        return path === undefined ? undefined : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path) ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cwd, path);
    };
    /** The commits git grafts as having no parents, read from the checkout's `shallow` file. */
    const shallowCommits = async () => {
        const path = await shallowFile();
        try {
            return new Set(path === undefined
                ? []
                : (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8')
                    .split('\n')
                    .filter((l) => SHA.test(l)));
        }
        catch {
            return new Set();
        }
    };
    /** Of `shas`, those whose objects the checkout does not have. */
    const missingObjects = async (shas) => {
        if (shas.size === 0)
            return new Set();
        const r = await git(['cat-file', '--batch-check'], 60_000, [...shas].join('\n') + '\n');
        return new Set(r.stdout
            .split('\n')
            .filter((l) => l.endsWith(' missing'))
            .map((l) => l.slice(0, -' missing'.length)));
    };
    /**
     * After `--shallow-exclude`, git (2.39 at least) can list as shallow a commit it never
     * received: the side of a merge whose first parent was excluded. Every later deepening then
     * dies with "error in object: unshallow <sha>". Dropping those lines, the way git itself
     * rewrites the file (through `shallow.lock`), leaves a checkout that `--unshallow` completes.
     */
    const dropMissingShallow = async () => {
        const path = await shallowFile();
        const shallow = await shallowCommits();
        const missing = await missingObjects(shallow);
        if (path === undefined || missing.size === 0)
            return;
        const keep = [...shallow].filter((sha) => !missing.has(sha));
        const lock = `${path}.lock`;
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(lock, keep.map((sha) => `${sha}\n`).join(''), { flag: 'wx' });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(lock, path);
        }
        catch {
            // Another git holds the lock, or the file cannot be written: the fetch reports the rest.
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(lock, { force: true });
        }
    };
    /** How many parents a commit really has, from its object (a graft hides them). */
    const realParents = async (sha) => {
        const raw = await git(['cat-file', 'commit', sha]);
        const header = raw.stdout.split('\n\n')[0] ?? '';
        return header.split('\n').filter((l) => l.startsWith('parent ')).length;
    };
    const log = async (range) => {
        const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
        const parser = new LogParser();
        return new Promise((resolve) => {
            const child = spawn('git', [
                '-c',
                'log.showSignature=false',
                'log',
                '-z',
                `--format=${FORMAT}`,
                `--max-count=${maxCount + 1}`,
                ...range,
                '--',
            ], {
                cwd,
                env: { ...baseEnv, GIT_TERMINAL_PROMPT: '0' },
                stdio: ['ignore', 'pipe', 'ignore'],
                timeout: 5 * 60_000,
            });
            child.stdout.setEncoding('utf8');
            child.stdout.on('data', (chunk) => {
                parser.push(chunk);
            });
            child.on('error', () => {
                resolve(undefined);
            });
            child.on('close', (code) => {
                resolve(code === 0 ? parser.result() : undefined);
            });
        });
    };
    return {
        async tagNames() {
            const local = (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readTagFiles */ .o)(cwd) ?? (await git(['tag', '--list'])).stdout.split('\n');
            const names = new Set(local.map((t) => t.trim()).filter((t) => t !== ''));
            if (offline || !(await isShallow()))
                return { names: [...names].sort(), notes: [] };
            // A shallow checkout has the pushed tag at most: list the remote's names, which costs
            // one round trip and no objects.
            const r = await git(['ls-remote', '--tags', '--refs', remote], fetchTimeout);
            if (!r.ok) {
                return {
                    names: [...names].sort(),
                    notes: [],
                    problem: `the checkout is shallow and 'git ls-remote --tags ${remote}' failed (${lastLine(r.stderr)}), so only its own ${names.size} tags are known; check out with fetch-depth: 0 to give all of them`,
                };
            }
            const before = names.size;
            for (const l of r.stdout.split('\n')) {
                const m = /^[0-9a-f]+\trefs\/tags\/(.+)$/.exec(l.trim());
                if (m)
                    names.add(m[1]);
            }
            return {
                names: [...names].sort(),
                notes: [
                    `listed ${names.size - before} more tags from '${remote}' (the checkout is shallow)`,
                ],
            };
        },
        async commits(to, from) {
            const notes = [];
            const fail = (problem) => ({ ok: false, problem, notes });
            // One process for both questions: a start of git costs more than reading 1,000 commits.
            const probe = await git([
                'rev-parse',
                '--is-shallow-repository',
                '--verify',
                '--quiet',
                '--end-of-options',
                `${to}^{commit}`,
            ]);
            const [shallowLine, toLine] = probe.stdout.trim().split('\n');
            const toSha = probe.ok && toLine !== undefined && SHA.test(toLine) ? toLine : undefined;
            if (toSha === undefined) {
                return fail(`'${to}' is not a commit of the checkout at ${cwd}; check out the commit being released`);
            }
            const fromRef = from === undefined ? undefined : `refs/tags/${from}`;
            const fetchTag = async (depth) => {
                const r = await fetch([
                    ...(depth ? ['--depth=1'] : []),
                    remote,
                    `+${fromRef}:${fromRef}`,
                ]);
                if (r.ok)
                    notes.push(`fetched the tag ${from} from '${remote}'`);
                return r;
            };
            const unshallow = async () => {
                await dropMissingShallow();
                const r = await fetch(['--unshallow', remote, toSha]);
                if (r.ok)
                    notes.push(`fetched the whole history of ${toSha.slice(0, 7)} from '${remote}'`);
                return r;
            };
            const range = fromRef === undefined ? [toSha] : [`${fromRef}..${toSha}`];
            const done = (commits) => {
                const truncated = commits.length > maxCount;
                return {
                    ok: true,
                    commits: truncated ? commits.slice(0, maxCount) : commits,
                    truncated,
                    notes,
                };
            };
            if (shallowLine !== 'true') {
                // A full checkout: the tag is there, unless the checkout skipped tags.
                const quick = await log(range);
                if (quick !== undefined)
                    return done(quick);
            }
            else if (offline) {
                return fail(`the checkout is shallow, so the commits since ${from ?? 'the start'} are not all in it, and nothing is fetched offline; check out with fetch-depth: 0`);
            }
            else {
                let complete = false;
                if (fromRef !== undefined) {
                    // Cheapest first: only the commits that are not in the previous release. It loses the
                    // side of a merge whose first parent is in it (git grafts the merge as parentless),
                    // so a range with such a merge is fetched whole instead.
                    const r = await fetch([`--shallow-exclude=${fromRef}`, remote, toSha]);
                    if (r.ok && ((await resolveCommit(fromRef)) !== undefined || (await fetchTag(true)).ok)) {
                        const shallow = await shallowCommits();
                        const fetched = (await missingObjects(shallow)).size === 0 ? await log(range) : undefined;
                        complete = fetched !== undefined;
                        for (const c of fetched ?? []) {
                            if (shallow.has(c.sha) && (await realParents(c.sha)) > 1) {
                                complete = false;
                                break;
                            }
                        }
                        if (complete && fetched !== undefined) {
                            notes.push(`fetched the commits since ${from} from '${remote}'`);
                            return done(fetched);
                        }
                    }
                }
                if (!complete) {
                    const r = await unshallow();
                    if (!r.ok) {
                        return fail(`the checkout is shallow and 'git fetch --unshallow ${remote}' failed (${lastLine(r.stderr)}); check out with fetch-depth: 0, or give the token read access to the repository`);
                    }
                }
            }
            if (fromRef !== undefined && (await resolveCommit(fromRef)) === undefined) {
                const r = await fetchTag(await isShallow());
                if (!r.ok || (await resolveCommit(fromRef)) === undefined) {
                    return fail(`the tag ${from} is neither in the checkout nor fetchable from '${remote}' (${lastLine(r.stderr)}); check out with fetch-depth: 0`);
                }
            }
            const commits = await log(range);
            if (commits === undefined) {
                return fail(`'git log' of ${from ?? 'the start'}..${toSha.slice(0, 7)} failed in ${cwd}`);
            }
            return done(commits);
        },
    };
}


/***/ }),

/***/ 2023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ky: () => (/* binding */ makeLatest),
/* harmony export */   Qf: () => (/* binding */ imageReleases),
/* harmony export */   aF: () => (/* binding */ releaseTag),
/* harmony export */   draftReleaseBody: () => (/* binding */ draftReleaseBody),
/* harmony export */   ue: () => (/* binding */ releaseDecision)
/* harmony export */ });
/* harmony import */ var _git_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9070);
/* harmony import */ var _plan_previous_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4382);
/* harmony import */ var _plan_release_mode_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(952);
/* harmony import */ var _plan_release_notes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6342);
/* harmony import */ var _plan_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5671);





function releaseDecision(plan, settings) {
    return (0,_plan_release_mode_js__WEBPACK_IMPORTED_MODULE_4__/* .decideRelease */ .c)(settings.release, {
        versionSource: plan.versionSource,
        semver: plan.semver !== undefined,
        version: plan.version,
    });
}
/**
 * The git tag of the release. A pushed or released tag is used as it is. A version typed in
 * (input or dispatch) is matched to the tag that already names it, if any (a dispatch on
 * `refs/tags/v1.4.0`, or a tag pushed before); else it is written the way this repository writes
 * its tags: `<tag-prefix>X.Y.Z` with a prefix set, the prefix typed if one was, else the prefix of
 * the highest version tag (`v`), so that `1.4.0` typed in a `v*` repository makes `v1.4.0`.
 */
function releaseTag(plan, event, tagPrefix, tagNames) {
    if (plan.versionSource === 'release' && event.releaseTag !== undefined)
        return event.releaseTag;
    const refTag = event.ref.startsWith('refs/tags/')
        ? event.ref.slice('refs/tags/'.length)
        : undefined;
    if (plan.versionSource === 'tag' && refTag !== undefined)
        return refTag;
    const v = plan.semver;
    if (v === undefined)
        return plan.version;
    const same = (name) => {
        const parsed = (0,_plan_version_js__WEBPACK_IMPORTED_MODULE_3__/* .parseVersion */ .ot)(name, tagPrefix);
        return parsed !== undefined && parsed.semver.compare(v.semver) === 0;
    };
    if (refTag !== undefined && same(refTag))
        return refTag;
    const existing = tagNames.find(same);
    if (existing !== undefined)
        return existing;
    if (tagPrefix !== undefined)
        return `${tagPrefix}${v.semver.version}`;
    if (v.prefix !== '')
        return v.source;
    const highest = (0,_plan_previous_js__WEBPACK_IMPORTED_MODULE_1__/* .versionTags */ .OP)(tagNames).reduce((best, t) => (best === undefined || t.semver.compare(best.semver) > 0 ? t : best), undefined);
    return `${highest?.prefix ?? ''}${v.semver.version}`;
}
/** One section per image: what was pushed, or what is planned when nothing was. */
function imageReleases(plan, outcome) {
    if (outcome?.pushed) {
        return outcome.images.map((i) => ({
            image: i.image,
            version: plan.version,
            tags: i.tags,
            platforms: i.platforms.length > 0 ? i.platforms : plan.platforms,
            digest: i.digest,
        }));
    }
    return plan.images.map((image) => ({
        image,
        version: plan.version,
        tags: plan.tags.map((t) => t.name),
        platforms: plan.platforms,
    }));
}
function makeLatest(plan, settings, tags) {
    if (plan.semver === undefined || plan.prerelease || settings.latest === 'false')
        return false;
    if (settings.latest === 'true')
        return true;
    return (0,_plan_previous_js__WEBPACK_IMPORTED_MODULE_1__/* .isHighestStable */ .OO)(plan.semver, tags, settings.tagPrefix);
}
/** The release body drafted from local git alone: no API call, no fetch, no digests. */
async function draftReleaseBody(plan, settings, event, ctx) {
    if (!releaseDecision(plan, settings).release)
        return undefined;
    const source = (0,_git_log_js__WEBPACK_IMPORTED_MODULE_0__/* .localChangelog */ .yT)(ctx.cwd, { env: ctx.env, offline: true });
    const { names } = await source.tagNames();
    const tag = releaseTag(plan, event, settings.tagPrefix, names);
    const previous = plan.semver
        ? (0,_plan_previous_js__WEBPACK_IMPORTED_MODULE_1__/* .previousVersion */ .CO)(plan.semver, names, settings.tagPrefix)
        : undefined;
    const range = await source.commits(plan.sha, previous?.source);
    if (!range.ok)
        ctx.notice(`Release notes: ${range.problem}`);
    const notes = range.ok
        ? (0,_plan_release_notes_js__WEBPACK_IMPORTED_MODULE_2__/* .draftReleaseNotes */ .qh)({
            repositoryUrl: event.repository.htmlUrl,
            tag,
            ...(previous !== undefined && { previousTag: previous.source }),
            commits: range.commits,
            truncated: range.truncated,
        })
        : undefined;
    const body = (0,_plan_release_notes_js__WEBPACK_IMPORTED_MODULE_2__/* .composeReleaseBody */ .AN)(undefined, {
        ...(notes !== undefined && { notes }),
        images: imageReleases(plan, undefined),
    });
    return { url: '', id: '', body, tag, outcome: 'drafted' };
}


/***/ }),

/***/ 1738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   publishReleaseStep: () => (/* binding */ publishReleaseStep)
/* harmony export */ });
/* harmony import */ var _git_log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9070);
/* harmony import */ var _plan_previous_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4382);
/* harmony import */ var _plan_release_notes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6342);
/* harmony import */ var _release_body_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2023);




/** Creates or updates the release; throws with what to do when it cannot. */
async function publishReleaseStep(plan, settings, event, images, ctx) {
    const { runner, env } = ctx;
    const decision = (0,_release_body_js__WEBPACK_IMPORTED_MODULE_3__/* .releaseDecision */ .ue)(plan, settings);
    if (!decision.release) {
        if (settings.release !== 'auto' && settings.release !== 'false')
            runner.warning(`No GitHub release: ${decision.reason}.`);
        else
            runner.info(`No GitHub release: ${decision.reason}.`);
        return undefined;
    }
    runner.startGroup(`GitHub release of ${plan.version}`);
    try {
        const source = (0,_git_log_js__WEBPACK_IMPORTED_MODULE_0__/* .localChangelog */ .yT)(ctx.cwd, { env });
        const tags = await source.tagNames();
        for (const n of tags.notes)
            runner.info(n);
        if (tags.problem !== undefined)
            runner.info(tags.problem);
        const tag = (0,_release_body_js__WEBPACK_IMPORTED_MODULE_3__/* .releaseTag */ .aF)(plan, event, settings.tagPrefix, tags.names);
        runner.info(`Release tag: ${tag}`);
        const previous = plan.semver
            ? (0,_plan_previous_js__WEBPACK_IMPORTED_MODULE_1__/* .previousVersion */ .CO)(plan.semver, tags.names, settings.tagPrefix)
            : undefined;
        runner.info(previous !== undefined
            ? `Changes since ${previous.source}`
            : 'No earlier version: a first release lists the whole history');
        // Without the full tag list, the previous version and the highest one are guesses: a
        // backport must not take "Latest", and a changelog must not start at the first commit.
        const partial = tags.problem !== undefined;
        if (partial) {
            runner.warning(`Not all tags are known (${tags.problem}), so this release is not marked Latest${previous === undefined ? ' and its changelog is left as it was' : ''}. Check out with fetch-depth: 0 to give them.`);
        }
        const range = await source.commits(plan.sha, previous?.source);
        for (const n of range.notes)
            runner.info(n);
        if (!range.ok)
            runner.info(`${range.problem}; reading the commits from the API instead`);
        const { createReleaseApi } = await __webpack_require__.e(/* import() */ 702).then(__webpack_require__.bind(__webpack_require__, 6702));
        const { apiChangelog } = await __webpack_require__.e(/* import() */ 981).then(__webpack_require__.bind(__webpack_require__, 3981));
        const { publishRelease } = await __webpack_require__.e(/* import() */ 184).then(__webpack_require__.bind(__webpack_require__, 7184));
        const api = await createReleaseApi({
            token: settings.githubToken,
            owner: event.repository.owner,
            repo: event.repository.name,
            ...(env.GITHUB_API_URL !== undefined && { apiUrl: env.GITHUB_API_URL }),
            log: (m) => runner.info(m),
        });
        const fromApi = await apiChangelog(api, {
            tag,
            sha: plan.sha,
            ...(previous !== undefined && { previousTag: previous.source }),
            withCommits: !range.ok,
        });
        for (const p of fromApi.problems)
            runner.info(`Release notes without: ${p}`);
        const commits = range.ok ? range.commits : fromApi.commits;
        let notes;
        if (partial && previous === undefined) {
            notes = undefined;
        }
        else if (commits !== undefined) {
            notes = (0,_plan_release_notes_js__WEBPACK_IMPORTED_MODULE_2__/* .draftReleaseNotes */ .qh)({
                repositoryUrl: event.repository.htmlUrl,
                tag,
                ...(previous !== undefined && { previousTag: previous.source }),
                commits,
                truncated: range.ok ? range.truncated : fromApi.truncated,
                enrichment: fromApi.enrichment,
            });
        }
        else {
            runner.warning('Neither local git nor the API gave the commits of this release: its changelog is left as it was. Check out with fetch-depth: 0 to give git the history.');
        }
        const result = await publishRelease(api, {
            tag,
            sha: plan.sha,
            prerelease: plan.prerelease,
            makeLatest: !partial && (0,_release_body_js__WEBPACK_IMPORTED_MODULE_3__/* .makeLatest */ .Ky)(plan, settings, tags.names),
            draft: decision.draft,
            overwrite: settings.overwrite,
            triggeredByRelease: event.name === 'release',
            body: { ...(notes !== undefined && { notes }), images: (0,_release_body_js__WEBPACK_IMPORTED_MODULE_3__/* .imageReleases */ .Qf)(plan, images) },
        });
        for (const line of result.log)
            runner.info(line);
        if (result.replacedBody !== undefined) {
            runner.info('The notes overwrite: true replaced (GitHub keeps no copy):');
            runner.verbatim(result.replacedBody);
        }
        return {
            url: result.release.htmlUrl,
            id: String(result.release.id),
            body: result.body,
            tag,
            outcome: result.outcome,
        };
    }
    finally {
        runner.endGroup();
    }
}


/***/ }),

/***/ 4382:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CO: () => (/* binding */ previousVersion),
/* harmony export */   OO: () => (/* binding */ isHighestStable),
/* harmony export */   OP: () => (/* binding */ versionTags)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5671);

/**
 * The version tags among `tagNames`, read in the namespace of `tagPrefix` (a monorepo's
 * `server-v`), so another component's tags never count.
 */
function versionTags(tagNames, tagPrefix) {
    const versions = [];
    for (const name of tagNames) {
        const version = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(name, tagPrefix);
        if (version)
            versions.push(version);
    }
    return versions;
}
/**
 * Of tags naming the same version (`v1.2.3` and `1.2.3`), the one written like `like`; failing
 * that the first by name, so that the answer does not depend on the order git lists tags in.
 */
function better(a, b, like) {
    const aLike = a.prefix === like.prefix;
    const bLike = b.prefix === like.prefix;
    if (aLike !== bLike)
        return aLike ? a : b;
    return a.source <= b.source ? a : b;
}
/**
 * The version the changelog of `version` starts from. For a stable version: the highest stable
 * version below it, so that `2.0.0` lists everything since `1.9.0` and not only what came after
 * `2.0.0-rc.3`. For a prerelease: the highest version below it, stable or not, so that `rc.2`
 * lists what changed since `rc.1`. A backport (`1.1.9` after `1.2.4`) gets `1.1.8`: precedence,
 * not tag date, decides. Undefined for a first release.
 */
function previousVersion(version, tagNames, tagPrefix) {
    let best;
    for (const candidate of versionTags(tagNames, tagPrefix)) {
        if (!version.prerelease && candidate.prerelease)
            continue;
        if (candidate.semver.compare(version.semver) >= 0)
            continue;
        if (best === undefined) {
            best = candidate;
            continue;
        }
        const order = candidate.semver.compare(best.semver);
        if (order > 0)
            best = candidate;
        else if (order === 0)
            best = better(candidate, best, version);
    }
    return best;
}
/**
 * Whether `version` is the highest stable version among itself and `tagNames`: only then may its
 * GitHub release be marked "Latest", so that a backport released after a newer line does not take
 * the mark away from it. Equal counts as highest, so that re-running a release keeps the mark.
 */
function isHighestStable(version, tagNames, tagPrefix) {
    if (version.prerelease)
        return false;
    return versionTags(tagNames, tagPrefix).every((other) => other.prerelease || other.semver.compare(version.semver) <= 0);
}


/***/ }),

/***/ 6342:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ composeReleaseBody),
/* harmony export */   BZ: () => (/* binding */ hasOurSections),
/* harmony export */   n3: () => (/* binding */ renderImageSection),
/* harmony export */   qh: () => (/* binding */ draftReleaseNotes)
/* harmony export */ });
/* unused harmony exports BODY_LIMIT, NOTES_BEGIN, NOTES_END, imageBegin, imageEnd, escapeMarkdown, changelogUrl, noreplyLogin, coAuthors, renderReleaseNotes */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/*
 * The GitHub release body: a changelog drafted from commits, and one section per image with its
 * pull commands. Pure: commits, tags and digests come in as data, so the same facts always give
 * the same body byte for byte, which is what makes a re-run (or a second image's job) leave the
 * release as it found it.
 *
 * Our parts sit between HTML comment markers. Everything outside them belongs to whoever wrote it
 * (a maintainer, another tool) and is kept as it is.
 */
/** GitHub refuses a release body over 125,000 characters. */
const BODY_LIMIT = 125_000;
const NOTES_BEGIN = '<!-- image-release:notes-begin -->';
const NOTES_END = '<!-- image-release:notes-end -->';
function imageBegin(image) {
    return `<!-- image-release:begin ${image} -->`;
}
function imageEnd(image) {
    return `<!-- image-release:end ${image} -->`;
}
// ── Markdown ──────────────────────────────────────────────────────────────────────────────────
/** Longest title kept from a commit subject; a squash subject can be a whole paragraph. */
const TITLE_MAX = 200;
/**
 * Commit text as plain text in markdown. HTML is escaped so that a subject can neither inject
 * markup nor forge one of our markers; the characters that start emphasis, code, links or
 * strike-through are backslash-escaped; a leading `#`, `>`, `-`, `+`, `=` or `1.` would start a
 * heading, quote or list inside the list item, so it is escaped too. `@mentions` and `#12` are
 * left alone: GitHub links them, as it does in its own generated notes.
 */
function escapeMarkdown(text) {
    // One pass: a release of 10,000 commits escapes some 20,000 strings.
    const out = text.replace(ESCAPED, (m) => {
        const code = m.charCodeAt(0);
        if (code < 0x20 || code === 0x7f)
            return ' ';
        return HTML[m] ?? `\\${m}`;
    });
    return out
        .trim()
        .replace(/^([#+=-])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2');
}
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u0000-\u001f\u007f]+|[&<>\\`*_[\]~|]/g;
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
function shorten(text, max) {
    if (text.length <= max)
        return text;
    // Never cut between the two halves of a surrogate pair.
    const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, max - 1)) ? max - 2 : max - 1;
    return `${text.slice(0, cut)}…`;
}
/** Tag names in a URL path: anything but unreserved characters and `/` is percent-encoded. */
function encodeRef(ref) {
    return encodeURIComponent(ref).replace(/%2F/g, '/');
}
function changelogUrl(repositoryUrl, tag, previousTag) {
    const base = repositoryUrl.replace(/\/+$/, '');
    return previousTag === undefined
        ? `${base}/commits/${encodeRef(tag)}`
        : `${base}/compare/${encodeRef(previousTag)}...${encodeRef(tag)}`;
}
// ── Reading commits ───────────────────────────────────────────────────────────────────────────
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
/** `12345+octocat@users.noreply.github.com` → `octocat` (GHES: `users.noreply.<host>`). */
function noreplyLogin(email) {
    const m = /^(?:\d+\+)?([^@\s]+)@users\.noreply\.[^@\s]+$/i.exec(email);
    const login = m?.[1];
    return login !== undefined && LOGIN.test(login) ? login : undefined;
}
const BOT_NAME = /\[bot\]$|^(?:dependabot|renovate)(?:-preview)?$/i;
function isBotPerson(person, login, bots) {
    if (login !== undefined && (bots.has(login) || BOT_NAME.test(login)))
        return true;
    return BOT_NAME.test(person.name.trim()) || /\[bot\]@/i.test(person.email);
}
const CO_AUTHOR_HINT = /co-authored-by:/i;
/** The `Co-authored-by` trailers of the message's last paragraph, as GitHub reads them. */
function coAuthors(body) {
    const paragraphs = body
        .replace(/\r\n/g, '\n')
        .trimEnd()
        .split(/\n\s*\n/);
    const last = paragraphs[paragraphs.length - 1] ?? '';
    const people = [];
    for (const line of last.split('\n')) {
        const m = /^co-authored-by:\s*(.*?)\s*<([^<>\s]+)>\s*$/i.exec(line.trim());
        if (m)
            people.push({ name: m[1] ?? '', email: m[2] ?? '' });
    }
    return people;
}
const CONVENTIONAL_TYPES = new Set([
    'feat',
    'fix',
    'perf',
    'docs',
    'refactor',
    'test',
    'tests',
    'build',
    'ci',
    'chore',
    'style',
    'revert',
    'deps',
]);
function parseConventional(subject, body) {
    const m = /^([A-Za-z]+)(?:\(([^()\r\n]*)\))?(!)?:\s+(\S.*)$/.exec(subject);
    if (!m)
        return undefined;
    const type = (m[1] ?? '').toLowerCase();
    if (!CONVENTIONAL_TYPES.has(type))
        return undefined;
    const scope = m[2]?.trim();
    return {
        type,
        ...(scope !== undefined && scope !== '' && { scope }),
        breaking: m[3] === '!' || /^BREAKING[ -]CHANGE:/m.test(body),
        description: m[4] ?? '',
    };
}
const PR_MERGE = /^Merge pull request #(\d+) from (\S+)/;
const SQUASH_PR = /\s\(#(\d+)\)\s*$/;
/**
 * Walks the range the way it was built. Along each first-parent line, oldest first: a pull
 * request's merge becomes one entry for the pull request and hides the commits it brought in
 * (they are the pull request's); a merge of no pull request lists what it brought in, since
 * those commits were pushed without one; any other commit is an entry. Every commit is visited
 * once, so 10,000 commits cost 10,000 steps.
 */
function structure(commits) {
    const bySha = new Map();
    for (const c of commits)
        bySha.set(c.sha, c);
    const isParent = new Set();
    for (const c of commits)
        for (const p of c.parents)
            isParent.add(p);
    const seen = new Set();
    const entries = [];
    let plainMerges = 0;
    /** Everything reachable from `tips` in the range and not seen yet, marked seen. */
    const collect = (tips) => {
        const found = [];
        const stack = [...tips];
        while (stack.length > 0) {
            const sha = stack.pop();
            const c = bySha.get(sha);
            if (c === undefined || seen.has(sha))
                continue;
            seen.add(sha);
            found.push(c);
            for (const p of c.parents)
                stack.push(p);
        }
        return found;
    };
    const chain = (tip) => {
        const line = [];
        for (let c = bySha.get(tip); c !== undefined && !seen.has(c.sha);) {
            line.push(c);
            const first = c.parents[0];
            c = first === undefined ? undefined : bySha.get(first);
        }
        for (let i = line.length - 1; i >= 0; i--) {
            const c = line[i];
            if (c.parents.length > 1) {
                const pr = PR_MERGE.exec(c.subject);
                if (pr) {
                    const brought = collect(c.parents.slice(1)).filter((b) => b.parents.length < 2);
                    const title = c.body
                        .split('\n')
                        .map((l) => l.trim())
                        .find((l) => l !== '') ??
                        pr[2] ??
                        '';
                    const author = mainAuthor(brought) ?? { person: c.author, sha: c.sha };
                    entries.push({
                        title,
                        pull: Number(pr[1]),
                        sha: c.sha,
                        author: author.person,
                        authorSha: author.sha,
                        ...optionalConventional(title, c.body),
                    });
                }
                else {
                    for (const p of c.parents.slice(1))
                        chain(p);
                    plainMerges++;
                }
            }
            else {
                const squash = SQUASH_PR.exec(c.subject);
                const title = squash ? c.subject.slice(0, squash.index).trimEnd() : c.subject;
                entries.push({
                    title,
                    ...(squash && { pull: Number(squash[1]) }),
                    sha: c.sha,
                    author: c.author,
                    authorSha: c.sha,
                    ...optionalConventional(title, c.body),
                });
            }
            seen.add(c.sha);
        }
    };
    for (const c of commits)
        if (!isParent.has(c.sha))
            chain(c.sha);
    // A range whose every commit is some other's parent is a cycle, which git cannot make; still,
    // nothing is dropped silently.
    for (const c of commits)
        if (!seen.has(c.sha))
            chain(c.sha);
    return { entries, plainMerges };
}
function optionalConventional(title, body) {
    const conventional = parseConventional(title, body);
    return conventional ? { conventional } : {};
}
/** The author of most of a pull request's commits (the first one on a tie). */
function mainAuthor(commits) {
    const counts = new Map();
    // Oldest first: `collect` walks from the tip, so its last commit is the oldest.
    for (let i = commits.length - 1; i >= 0; i--) {
        const c = commits[i];
        const key = c.author.email.toLowerCase() || c.author.name;
        const known = counts.get(key);
        if (known)
            known.n++;
        else
            counts.set(key, { person: c.author, sha: c.sha, n: 1 });
    }
    let best;
    for (const v of counts.values())
        if (best === undefined || v.n > best.n)
            best = v;
    return best && { person: best.person, sha: best.sha };
}
function line(l, conventional) {
    const c = conventional ? l.entry.conventional : undefined;
    const text = c
        ? `${c.scope !== undefined ? `**${escapeMarkdown(c.scope)}:** ` : ''}${escapeMarkdown(shorten(c.description, TITLE_MAX))}`
        : escapeMarkdown(shorten(l.entry.title, TITLE_MAX));
    return `- ${text}${l.by} in ${l.ref}`;
}
function plural(n, what) {
    return `${n} ${what}${n === 1 ? '' : 's'}`;
}
/** In this order; `Other` takes what no group names. */
const GROUPS = [
    { title: 'Features', types: ['feat'] },
    { title: 'Fixes', types: ['fix'] },
    { title: 'Performance', types: ['perf'] },
    { title: 'Reverts', types: ['revert'] },
    { title: 'Documentation', types: ['docs'] },
    {
        title: 'Maintenance',
        types: ['refactor', 'test', 'tests', 'build', 'ci', 'chore', 'style', 'deps'],
    },
];
/**
 * Group by conventional-commit type when at least half of the listed entries use one: below
 * that the history does not follow the convention and a few lucky `fix:` subjects would push
 * everything else into "Other".
 */
const CONVENTIONAL_SHARE = 0.5;
/**
 * Drafts the changelog: entries for pull requests and for commits pushed without one, grouped
 * by conventional type when the history uses them; bots and plain merges folded into a line
 * each; contributors (authors and co-authors); first-time contributors when the API said who.
 */
function draftReleaseNotes(input) {
    const e = input.enrichment ?? {};
    const bots = e.bots ?? new Set();
    // Thousands of commits come from a few dozen people: each is looked at once.
    const known = new Map();
    const lookup = (person, sha) => {
        const bySha = sha === undefined ? undefined : e.loginsBySha?.get(sha);
        const key = `${bySha ?? ''}\0${person.name}\0${person.email}`;
        let info = known.get(key);
        if (info === undefined) {
            const found = bySha ?? e.loginsByEmail?.get(person.email.toLowerCase()) ?? noreplyLogin(person.email);
            const login = found !== undefined && LOGIN.test(found) ? found : undefined;
            info = {
                login,
                bot: isBotPerson(person, login, bots),
                shown: login !== undefined ? `@${login}` : escapeMarkdown(shorten(person.name, 100)),
            };
            known.set(key, info);
        }
        return info;
    };
    const loginOf = (person, sha) => lookup(person, sha).login;
    const who = (person, login) => login !== undefined ? `@${login}` : lookup(person).shown;
    const { entries, plainMerges } = structure(input.commits);
    const listed = [];
    const botCounts = new Map();
    const botPulls = [];
    let botCommits = 0;
    const base = input.repositoryUrl.replace(/\/+$/, '');
    for (const entry of entries) {
        const login = (entry.pull !== undefined ? e.pullAuthors?.get(entry.pull) : undefined) ??
            loginOf(entry.author, entry.authorSha);
        if (isBotPerson(entry.author, login, bots)) {
            const name = login ?? entry.author.name;
            botCounts.set(name, (botCounts.get(name) ?? 0) + 1);
            if (entry.pull !== undefined)
                botPulls.push(entry.pull);
            botCommits++;
            continue;
        }
        const anonymous = entry.author.name.trim() === '' && login === undefined;
        listed.push({
            entry,
            by: anonymous ? '' : ` by ${who(entry.author, login)}`,
            ref: entry.pull !== undefined
                ? `#${entry.pull}`
                : `[${entry.sha.slice(0, 7)}](${base}/commit/${entry.sha})`,
        });
    }
    const conventionalCount = listed.filter((l) => l.entry.conventional !== undefined).length;
    const grouped = listed.length > 0 && conventionalCount >= Math.max(1, listed.length * CONVENTIONAL_SHARE);
    let groups;
    if (!grouped) {
        // Without the convention a `fix:` prefix is part of the subject as its author wrote it.
        groups = listed.length === 0 ? [] : [{ title: '', lines: listed.map((l) => line(l, false)) }];
    }
    else {
        const buckets = new Map();
        for (const l of listed) {
            const c = l.entry.conventional;
            const title = c?.breaking
                ? 'Breaking Changes'
                : c === undefined
                    ? /^Revert "/.test(l.entry.title)
                        ? 'Reverts'
                        : 'Other'
                    : (GROUPS.find((g) => g.types.includes(c.type))?.title ?? 'Other');
            const bucket = buckets.get(title);
            if (bucket)
                bucket.push(line(l, true));
            else
                buckets.set(title, [line(l, true)]);
        }
        groups = ['Breaking Changes', ...GROUPS.map((g) => g.title), 'Other'].flatMap((title) => {
            const lines = buckets.get(title);
            return lines ? [{ title, lines }] : [];
        });
    }
    const folded = [];
    if (botCommits > 0) {
        const names = [...botCounts.entries()]
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .map(([name, n]) => `${escapeMarkdown(name)} ×${n}`)
            .join(', ');
        const shown = botPulls.slice(0, 30).map((n) => `#${n}`);
        const more = botPulls.length > shown.length ? `, and ${botPulls.length - shown.length} more` : '';
        const pulls = shown.length > 0 ? `: ${shown.join(', ')}${more}` : '';
        folded.push(`- ${plural(botCommits, 'update')} by bots (${names})${pulls}`);
    }
    if (plainMerges > 0) {
        folded.push(`- ${plural(plainMerges, 'merge commit')} of no pull request, not listed`);
    }
    const contributors = new Map();
    for (const c of input.commits) {
        const people = CO_AUTHOR_HINT.test(c.body)
            ? coAuthors(c.body).map((person) => ({ person }))
            : [];
        // The author of a merge is whoever pressed the button; the work is in the merged commits.
        if (c.parents.length < 2)
            people.unshift({ person: c.author, sha: c.sha });
        for (const { person, sha } of people) {
            const { login, bot, shown } = lookup(person, sha);
            if (bot || (login === undefined && person.name.trim() === ''))
                continue;
            const key = login !== undefined ? `@${login.toLowerCase()}` : shown.toLowerCase();
            if (!contributors.has(key))
                contributors.set(key, shown);
        }
    }
    const newContributors = (e.newContributors ?? [])
        .filter((n) => LOGIN.test(n.login) && !BOT_NAME.test(n.login))
        .map((n) => `- @${n.login} made their first contribution${n.pull !== undefined ? ` in #${n.pull}` : ''}`);
    return {
        groups,
        folded,
        contributors: [...contributors.entries()]
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
            .map(([, shown]) => shown),
        newContributors,
        changelogUrl: changelogUrl(input.repositoryUrl, input.tag, input.previousTag),
        ...(input.previousTag !== undefined && { previousTag: input.previousTag }),
        commitCount: input.commits.length,
        truncated: input.truncated === true,
    };
}
// ── Layout ────────────────────────────────────────────────────────────────────────────────────
function layout(notes, entries, contributors, fresh) {
    const out = ["## What's Changed", ''];
    const total = notes.groups.reduce((n, g) => n + g.lines.length, 0);
    let left = entries;
    for (const group of notes.groups) {
        if (left <= 0)
            break;
        const lines = group.lines.slice(0, left);
        left -= lines.length;
        if (group.title !== '')
            out.push(`### ${group.title}`, '');
        out.push(...lines, '');
    }
    // The lines that stand for many go on the last list rather than start a new one after a
    // blank line, which markdown would render as one loose list.
    if (out[out.length - 1] === '' && out.length > 2)
        out.pop();
    const tail = [];
    if (entries < total) {
        tail.push(`- … and ${plural(total - entries, 'more change')}: see the [full changelog](${notes.changelogUrl})`);
    }
    if (notes.truncated) {
        tail.push(`- Only the newest ${plural(notes.commitCount, 'commit')} were read; the [full changelog](${notes.changelogUrl}) has them all`);
    }
    tail.push(...notes.folded);
    out.push(...tail);
    if (out[out.length - 1] !== '')
        out.push('');
    if (total === 0 && notes.folded.length === 0) {
        out.push(notes.previousTag !== undefined
            ? `No commits since ${escapeMarkdown(notes.previousTag)}.`
            : 'No commits.', '');
    }
    if (notes.contributors.length > 0 && contributors > 0) {
        const shown = notes.contributors.slice(0, contributors);
        const more = notes.contributors.length - shown.length;
        out.push('## Contributors', '', `${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`, '');
    }
    if (notes.newContributors.length > 0 && fresh > 0) {
        const shown = notes.newContributors.slice(0, fresh);
        const more = notes.newContributors.length - shown.length;
        out.push('## New Contributors', '', ...shown);
        if (more > 0)
            out.push(`- and ${more} more`);
        out.push('');
    }
    out.push(`**Full Changelog**: ${notes.changelogUrl}`);
    return out.join('\n');
}
/** The largest n in [0, max] with fits(n), assuming fits is (nearly) monotonic; -1 if none. */
function largest(max, fits) {
    if (!fits(0))
        return -1;
    let lo = 0;
    let hi = max;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(mid))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}
/**
 * The changelog as markdown in at most `budget` characters. What gives way, in order: the
 * entries (from the end, so the least important groups first), with a line pointing to the
 * full changelog; then the contributors; then the first-time contributors; the link to the full
 * changelog stays to the last. '' when not even that fits.
 */
function renderReleaseNotes(notes, budget = BODY_LIMIT) {
    const total = notes.groups.reduce((n, g) => n + g.lines.length, 0);
    const people = notes.contributors.length;
    const fresh = notes.newContributors.length;
    const full = layout(notes, total, people, fresh);
    if (full.length <= budget)
        return full;
    const fits = (text) => text.length <= budget;
    const entries = largest(total, (k) => fits(layout(notes, k, people, fresh)));
    if (entries >= 0)
        return layout(notes, entries, people, fresh);
    const kept = largest(people, (c) => fits(layout(notes, 0, c, fresh)));
    if (kept >= 0)
        return layout(notes, 0, kept, fresh);
    const keptFresh = largest(fresh, (n) => fits(layout(notes, 0, 0, n)));
    if (keptFresh >= 0)
        return layout(notes, 0, 0, keptFresh);
    const minimal = `**Full Changelog**: ${notes.changelogUrl}`;
    return minimal.length <= budget ? minimal : '';
}
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}$/;
const PLATFORM = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+){1,2}$/;
/** Image names come checked from the settings; this only keeps them out of markup and markers. */
const IMAGE = /^[a-z0-9][a-z0-9._/:-]*$/;
function checkImage(r) {
    const bad = (what, value) => new Error(`image section for '${r.image}': ${what} '${value}' is not valid`);
    if (!IMAGE.test(r.image))
        throw bad('the image name', r.image);
    for (const t of [r.version, ...r.tags])
        if (!TAG.test(t))
            throw bad('the tag', t);
    for (const p of r.platforms)
        if (!PLATFORM.test(p))
            throw bad('the platform', p);
    if (r.digest !== undefined && !DIGEST.test(r.digest))
        throw bad('the digest', r.digest);
}
/** The section of one image, markers included: pull commands, platforms, tags. */
function renderImageSection(r) {
    checkImage(r);
    const pulls = [`docker pull ${r.image}:${r.version}`];
    if (r.digest !== undefined)
        pulls.push(`docker pull ${r.image}@${r.digest}`);
    const out = [imageBegin(r.image), `## Image \`${r.image}\``, '', '```sh', ...pulls, '```', ''];
    if (r.platforms.length > 0) {
        out.push(`Platforms: ${r.platforms.map((p) => `\`${p}\``).join(', ')}`, '');
    }
    const tags = [...new Set([r.version, ...r.tags])];
    out.push(`Tags: ${tags.map((t) => `\`${t}\``).join(', ')}`, imageEnd(r.image));
    return out.join('\n');
}
function wrapNotes(markdown) {
    return `${NOTES_BEGIN}\n${markdown}\n${NOTES_END}`;
}
const MARKER = /<!-- image-release:(notes-begin|notes-end|begin (\S+)|end (\S+)) -->/g;
/**
 * Splits a body into our sections and everything else. An end marker closes the nearest begin
 * marker of the same section before it, so a stray begin marker (a section's end deleted by
 * hand) stays text instead of swallowing what follows it.
 */
function parseBody(body) {
    const segments = [];
    let cursor = 0;
    const open = new Map();
    for (const m of body.matchAll(MARKER)) {
        const index = m.index;
        const what = m[1];
        if (what === 'notes-begin')
            open.set('\0notes', index);
        else if (m[2] !== undefined)
            open.set(m[2], index);
        else {
            const key = what === 'notes-end' ? '\0notes' : m[3];
            const start = open.get(key);
            if (start === undefined)
                continue;
            const end = index + m[0].length;
            if (start > cursor)
                segments.push({ kind: 'text', text: body.slice(cursor, start) });
            const text = body.slice(start, end);
            segments.push(key === '\0notes' ? { kind: 'notes', text } : { kind: 'image', image: key, text });
            cursor = end;
            open.clear();
        }
    }
    if (cursor < body.length)
        segments.push({ kind: 'text', text: body.slice(cursor) });
    return segments;
}
/** Whether image-release wrote (part of) this body: then its sections are ours to update. */
function hasOurSections(body) {
    return (body ?? '').length > 0 && parseBody(body ?? '').some((s) => s.kind !== 'text');
}
/**
 * Our sections merged into an existing body (or a new one): each image's section replaced where
 * it is or added after the other images' sections; the changelog replaced where it is or put
 * before the images. Everything else stays byte for byte (only trailing white space is trimmed
 * where a section is added at the end), so running it again gives the same body, and a section
 * another job wrote for another image stays. The images sections are never cut: when the whole
 * would pass `limit`, the changelog gives way.
 */
function composeReleaseBody(existing, update, limit = BODY_LIMIT) {
    const segments = parseBody(existing ?? '');
    const sections = new Map();
    for (const r of update.images)
        sections.set(r.image, renderImageSection(r));
    const NOTES_PLACEHOLDER = '\0notes';
    const placed = new Set();
    let notesPlaced = false;
    for (const s of segments) {
        if (s.kind === 'image') {
            const section = sections.get(s.image);
            if (section !== undefined) {
                s.text = section;
                placed.add(s.image);
            }
        }
        else if (s.kind === 'notes' && update.notes !== undefined) {
            s.text = NOTES_PLACEHOLDER;
            notesPlaced = true;
        }
    }
    const insertAfter = (index, segment) => {
        segments.splice(index + 1, 0, { kind: 'text', text: '\n\n' }, segment);
    };
    const append = (segment) => {
        const last = segments[segments.length - 1];
        if (last?.kind === 'text') {
            last.text = last.text.trimEnd();
            if (last.text === '')
                segments.pop();
        }
        if (segments.length > 0)
            segments.push({ kind: 'text', text: '\n\n' });
        segments.push(segment);
    };
    const lastIndex = (kind) => segments.map((s) => s.kind).lastIndexOf(kind);
    if (update.notes !== undefined && !notesPlaced) {
        const firstImage = segments.findIndex((s) => s.kind === 'image');
        const notes = { kind: 'notes', text: NOTES_PLACEHOLDER };
        if (firstImage >= 0)
            segments.splice(firstImage, 0, notes, { kind: 'text', text: '\n\n' });
        else
            append(notes);
    }
    for (const [image, text] of sections) {
        if (placed.has(image))
            continue;
        const segment = { kind: 'image', image, text };
        const after = lastIndex('image') >= 0 ? lastIndex('image') : lastIndex('notes');
        if (after >= 0)
            insertAfter(after, segment);
        else
            append(segment);
    }
    const withNotes = (notesText) => segments.map((s) => (s.text === NOTES_PLACEHOLDER ? notesText : s.text)).join('');
    if (update.notes === undefined) {
        const body = withNotes('');
        if (body.length > limit)
            throw tooLong(body.length, limit, 'the changelog kept from before');
        return body;
    }
    const copies = segments.filter((s) => s.text === NOTES_PLACEHOLDER).length;
    const rest = withNotes('').length;
    const overhead = wrapNotes('').length;
    const budget = Math.floor((limit - rest) / copies) - overhead;
    const markdown = budget > 0 ? renderReleaseNotes(update.notes, budget) : '';
    if (markdown === '')
        throw tooLong(rest, limit, 'the text outside the changelog');
    return withNotes(wrapNotes(markdown));
}
function tooLong(length, limit, what) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('release body', `${what} is ${length} characters, and a GitHub release body holds at most ${limit}; shorten the text of the release outside image-release's sections, or release fewer images per release`);
}


/***/ })

};
