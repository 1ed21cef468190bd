export const id = 184;
export const ids = [184];
export const modules = {

/***/ 7184:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   publishRelease: () => (/* binding */ publishRelease)
/* harmony export */ });
/* unused harmony export findRelease */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _plan_release_notes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6342);
/* harmony import */ var _release_api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1527);



/** Drafts have no tag until published, so they are found by listing; this many pages at most. */
const LIST_PAGES = 5;
const PER_PAGE = 100;
/** Rounds of read, merge, write, check before giving up on a release another job keeps writing. */
const ATTEMPTS = 3;
/** The release of `tag`: the published one, else a draft for it. */
async function findRelease(api, tag) {
    const published = await api.getReleaseByTag(tag);
    if (published)
        return published;
    for (let page = 1; page <= LIST_PAGES; page++) {
        const list = await api.listReleases(page, PER_PAGE);
        const found = list.find((r) => r.tagName === tag);
        if (found)
            return found;
        if (list.length < PER_PAGE)
            break;
    }
    return undefined;
}
const lf = (text) => text.replace(/\r\n/g, '\n');
/**
 * Creates or updates the GitHub release of `request.tag` so that it carries this run's sections.
 *
 * - No release yet: created as a draft with the whole body, then published (unless `draft`), so
 *   that a repository with immutable releases gets a release that is complete when it becomes
 *   immutable. `make_latest` is sent only then, and `true` only for the highest stable version.
 * - A release with our markers (an earlier run, or another image's job): our sections are
 *   replaced where they are and everything else is kept; nothing is written when nothing changed,
 *   so a re-run is idempotent.
 * - A draft without our markers (release-drafter's, say): our sections are added to its text and
 *   it is published.
 * - A published release without our markers: refused, unless `overwrite` (its notes are replaced
 *   and returned for the log) or this run was started by that release (sections added).
 *
 * Another job may write the release between our read and our write (two images in parallel), and
 * GitHub has no compare-and-set for releases: so each write is read back, and when our sections
 * are missing the round is done again.
 */
async function publishRelease(api, request) {
    const log = [];
    const sections = request.body.images.map((i) => lf((0,_plan_release_notes_js__WEBPACK_IMPORTED_MODULE_1__/* .renderImageSection */ .n3)(i)));
    const create = async () => {
        const body = (0,_plan_release_notes_js__WEBPACK_IMPORTED_MODULE_1__/* .composeReleaseBody */ .AN)(undefined, request.body);
        const draft = await api.createRelease({
            tagName: request.tag,
            targetCommitish: request.sha,
            name: request.tag,
            body,
            draft: true,
            prerelease: request.prerelease,
        });
        log.push(`created the draft release ${request.tag} (id ${draft.id})`);
        if (request.draft)
            return { release: draft, outcome: 'created', body };
        try {
            const published = await api.updateRelease(draft.id, {
                draft: false,
                makeLatest: request.makeLatest && !request.prerelease ? 'true' : 'false',
            });
            log.push(`published ${published.htmlUrl}`);
            return { release: published, outcome: 'created', body };
        }
        catch (e) {
            // Someone published a release of this tag meanwhile: ours is a duplicate draft.
            if (e instanceof _release_api_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubApiError */ .O && e.alreadyExists) {
                await api.deleteRelease(draft.id);
                log.push(`deleted the duplicate draft ${draft.id}: a release of ${request.tag} appeared`);
            }
            throw e;
        }
    };
    const update = async (existing) => {
        const ours = (0,_plan_release_notes_js__WEBPACK_IMPORTED_MODULE_1__/* .hasOurSections */ .BZ)(existing.body);
        const adopt = request.triggeredByRelease === true;
        const foreignPublished = !ours && !existing.draft && !adopt;
        if (foreignPublished && !request.overwrite) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('release', `the release ${request.tag} (${existing.htmlUrl}) exists and was not made by image-release, so it is left as it is. Set overwrite: true to replace its notes with image-release's (they are printed to the log first), run on its release event to add the images to its notes, or delete it`);
        }
        const body = (0,_plan_release_notes_js__WEBPACK_IMPORTED_MODULE_1__/* .composeReleaseBody */ .AN)(foreignPublished ? undefined : existing.body, request.body);
        const fields = {};
        // GitHub may hand a body back with CRLF line ends; that is no change worth a write.
        if (lf(body) !== lf(existing.body))
            fields.body = body;
        if (!adopt) {
            if (existing.prerelease !== request.prerelease)
                fields.prerelease = request.prerelease;
            if (existing.draft && !request.draft) {
                fields.draft = false;
                fields.makeLatest = request.makeLatest && !request.prerelease ? 'true' : 'false';
            }
        }
        const replaced = foreignPublished ? { replacedBody: existing.body } : {};
        if (Object.keys(fields).length === 0) {
            log.push(`the release ${request.tag} already is as this run would make it`);
            return { release: existing, outcome: 'unchanged', body, ...replaced };
        }
        const updated = await api.updateRelease(existing.id, fields);
        log.push(`updated ${updated.htmlUrl}${fields.draft === false ? ' and published it' : ''}${foreignPublished ? ' (its notes replaced: overwrite is true)' : ''}`);
        return { release: updated, outcome: 'updated', body, ...replaced };
    };
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const existing = await findRelease(api, request.tag);
        let round;
        try {
            round = existing === undefined ? await create() : await update(existing);
        }
        catch (e) {
            if (e instanceof _release_api_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubApiError */ .O && e.alreadyExists && attempt < ATTEMPTS) {
                log.push(`a release of ${request.tag} was created meanwhile; merging into it`);
                continue;
            }
            throw e;
        }
        if (round.outcome === 'unchanged')
            return { ...round, log };
        const now = await api.getRelease(round.release.id);
        const body = lf(now.body);
        if (sections.every((s) => body.includes(s)))
            return { ...round, release: now, log };
        log.push(`another job rewrote the release of ${request.tag} meanwhile; merging again`);
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('release', `the release ${request.tag} kept changing while image-release wrote to it (${ATTEMPTS} rounds): another job is writing to it at the same time; re-run this job`);
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
