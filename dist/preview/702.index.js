export const id = 702;
export const ids = [702];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createReleaseApi: () => (/* binding */ createReleaseApi)
/* harmony export */ });
/* harmony import */ var _release_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1527);

const obj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
const str = (v) => (typeof v === 'string' ? v : '');
function toRelease(data) {
    const r = obj(data);
    return {
        id: typeof r.id === 'number' ? r.id : -1,
        tagName: str(r.tag_name),
        name: typeof r.name === 'string' ? r.name : null,
        body: str(r.body),
        draft: r.draft === true,
        prerelease: r.prerelease === true,
        htmlUrl: str(r.html_url),
        ...(typeof r.immutable === 'boolean' && { immutable: r.immutable }),
    };
}
function toCommit(data) {
    const c = obj(data);
    const commit = obj(c.commit);
    const person = (p) => ({ name: str(obj(p).name), email: str(obj(p).email) });
    const login = str(obj(c.author).login);
    return {
        sha: str(c.sha),
        parents: Array.isArray(c.parents) ? c.parents.map((p) => str(obj(p).sha)) : [],
        author: person(commit.author),
        committer: person(commit.committer),
        message: str(commit.message),
        ...(login !== '' && { authorLogin: login }),
        ...(obj(c.author).type === 'Bot' && { authorIsBot: true }),
    };
}
/** Turns whatever octokit threw into an error that names the call and hides the request. */
function apiError(operation, e) {
    const err = obj(e);
    const status = typeof err.status === 'number' ? err.status : 0;
    const data = obj(obj(err.response).data);
    const message = str(data.message) || (e instanceof Error ? e.message : String(e)) || 'no message';
    const codes = Array.isArray(data.errors) ? data.errors.map((x) => str(obj(x).code)) : [];
    return new _release_api_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .O(operation, status, message, codes);
}
const fields = (f) => ({
    ...(f.name !== undefined && { name: f.name }),
    ...(f.body !== undefined && { body: f.body }),
    ...(f.draft !== undefined && { draft: f.draft }),
    ...(f.prerelease !== undefined && { prerelease: f.prerelease }),
    ...(f.makeLatest !== undefined && { make_latest: f.makeLatest }),
});
/**
 * The ReleaseApi on `@actions/github`'s octokit with the retry and throttling plugins. Loaded
 * here, on first use, because those modules cost more start-up time than a whole dry run
 * (bench/dry-run.mjs), which never needs them.
 */
async function createReleaseApi(options) {
    const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
        __webpack_require__.e(/* import() */ 758).then(__webpack_require__.bind(__webpack_require__, 1758)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 9735)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 6856)),
    ]);
    const log = options.log ?? (() => { });
    const unit = options.waitUnitMs ?? 1000;
    const maxWait = options.maxRateLimitWaitSeconds ?? 120;
    const onLimit = (kind) => (retryAfter, request, _o, count) => {
        const what = `${request.method ?? ''} ${request.url ?? ''}`.trim();
        if (count >= 2 || retryAfter > maxWait) {
            log(`GitHub ${kind} hit on ${what}; not waiting ${retryAfter} s`);
            return false;
        }
        log(`GitHub ${kind} hit on ${what}; retrying in ${retryAfter} s`);
        return true;
    };
    const octokit = getOctokit(options.token, {
        // Unset, @actions/github takes GITHUB_API_URL from the environment itself.
        ...(options.apiUrl !== undefined && { baseUrl: options.apiUrl.replace(/\/+$/, '') }),
        retry: { retries: options.retries ?? 3, retryAfterBaseValue: unit },
        throttle: {
            // Its own key: the plugin spaces writes per key, and runs in one process must not queue
            // behind each other.
            id: `image-release-${Math.random().toString(36).slice(2)}`,
            retryAfterBaseValue: unit,
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
        },
        log: { debug: () => { }, info: () => { }, warn: log, error: log },
    }, retry, throttling);
    const { owner, repo } = options;
    const call = async (operation, run) => {
        try {
            return await run();
        }
        catch (e) {
            throw apiError(operation, e);
        }
    };
    return {
        async getReleaseByTag(tag) {
            try {
                const r = await octokit.rest.repos.getReleaseByTag({ owner, repo, tag });
                return toRelease(r.data);
            }
            catch (e) {
                if (obj(e).status === 404)
                    return undefined;
                throw apiError(`get the release of tag ${tag}`, e);
            }
        },
        getRelease: (id) => call(`get release ${id}`, async () => toRelease((await octokit.rest.repos.getRelease({ owner, repo, release_id: id })).data)),
        listReleases: (page, perPage) => call(`list releases (page ${page})`, async () => {
            const r = await octokit.rest.repos.listReleases({ owner, repo, page, per_page: perPage });
            return r.data.map(toRelease);
        }),
        createRelease: (release) => call(`create the release of tag ${release.tagName}`, async () => {
            const r = await octokit.rest.repos.createRelease({
                owner,
                repo,
                tag_name: release.tagName,
                target_commitish: release.targetCommitish,
                ...fields(release),
            });
            return toRelease(r.data);
        }),
        updateRelease: (id, f) => call(`update release ${id}`, async () => {
            const r = await octokit.rest.repos.updateRelease({
                owner,
                repo,
                release_id: id,
                ...fields(f),
            });
            return toRelease(r.data);
        }),
        deleteRelease: (id) => call(`delete release ${id}`, async () => {
            await octokit.rest.repos.deleteRelease({ owner, repo, release_id: id });
        }),
        generateNotes: (params) => call(`generate notes for ${params.tagName}`, async () => {
            const r = await octokit.rest.repos.generateReleaseNotes({
                owner,
                repo,
                tag_name: params.tagName,
                target_commitish: params.targetCommitish,
                ...(params.previousTagName !== undefined && {
                    previous_tag_name: params.previousTagName,
                }),
            });
            return { name: r.data.name, body: r.data.body };
        }),
        compareCommits: (base, head, limit) => call(`compare ${base}...${head}`, async () => {
            const perPage = 100;
            const commits = [];
            let total = 0;
            for (let page = 1; commits.length < limit; page++) {
                const r = await octokit.rest.repos.compareCommitsWithBasehead({
                    owner,
                    repo,
                    basehead: `${base}...${head}`,
                    per_page: perPage,
                    page,
                });
                total = r.data.total_commits;
                const batch = r.data.commits.map(toCommit);
                commits.push(...batch);
                if (batch.length < perPage || commits.length >= total)
                    break;
            }
            return { totalCommits: total, commits: commits.slice(0, limit) };
        }),
    };
}


/***/ }),

/***/ 1527:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ GitHubApiError)
/* harmony export */ });
/** A failed API call: which one, the status, and GitHub's own message. Never the token. */
class GitHubApiError extends Error {
    operation;
    status;
    apiMessage;
    codes;
    constructor(
    /** e.g. `create release v1.2.3`. */
    operation, status, apiMessage, 
    /** `errors[].code` of a 422, e.g. `already_exists`. */
    codes = []) {
        super(`GitHub API: ${operation} failed with ${status}: ${apiMessage}${hint(status)}`);
        this.operation = operation;
        this.status = status;
        this.apiMessage = apiMessage;
        this.codes = codes;
        this.name = 'GitHubApiError';
    }
    /** A 422 that says the release (or its tag) exists already. */
    get alreadyExists() {
        return this.status === 422 && this.codes.includes('already_exists');
    }
}
function hint(status) {
    if (status === 401)
        return ' (the token is not valid: check github-token)';
    if (status === 403 || status === 404) {
        return ' (the token may lack permission: give the job `permissions: contents: write`, or pass a token that can write to the repository as github-token)';
    }
    return '';
}


/***/ })

};
