export const id = 981;
export const ids = [981];
export const modules = {

/***/ 3981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   apiChangelog: () => (/* binding */ apiChangelog)
/* harmony export */ });
/* unused harmony exports parseGeneratedNotes, apiCommitToCommit */
/*
 * What the API adds to the changelog drafted from git: logins, who opened each pull request,
 * first-time contributors; and the commits themselves when git could not give them.
 */
const LOGIN = String.raw `([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?)`;
const PULL_LINE = new RegExp(String.raw `^[*-] .* by @${LOGIN} in \S*/pull/(\d+)\s*$`);
const NEW_CONTRIBUTOR = new RegExp(String.raw `^[*-] @${LOGIN} made their first contribution(?: in \S*/pull/(\d+))?\s*$`);
/**
 * Reads GitHub's generated notes: `* Title by @login in …/pull/12` lines give who opened each
 * pull request, the "New Contributors" lines give first-time contributors. Other lines (a
 * configured template, headings) are skipped.
 */
function parseGeneratedNotes(body) {
    const pullAuthors = new Map();
    const newContributors = [];
    for (const raw of body.split(/\r?\n/)) {
        const line = raw.trim();
        const fresh = NEW_CONTRIBUTOR.exec(line);
        if (fresh) {
            const pull = fresh[2] === undefined ? undefined : Number(fresh[2]);
            newContributors.push({ login: fresh[1], ...(pull !== undefined && { pull }) });
            continue;
        }
        const pr = PULL_LINE.exec(line);
        if (pr)
            pullAuthors.set(Number(pr[2]), pr[1]);
    }
    return { pullAuthors, newContributors };
}
/** A compare API commit as git would list it: subject is the first paragraph on one line. */
function apiCommitToCommit(c) {
    const message = c.message.replace(/\r\n/g, '\n');
    const split = /\n\s*\n/.exec(message);
    const first = split ? message.slice(0, split.index) : message;
    const rest = split ? message.slice(split.index + split[0].length) : '';
    return {
        sha: c.sha,
        parents: c.parents,
        author: c.author,
        committer: c.committer,
        subject: first.replace(/\s*\n\s*/g, ' ').trim(),
        body: rest.replace(/\n+$/, ''),
    };
}
/**
 * Asks the API what git cannot know: the compare view (paged) gives logins and bot accounts by
 * commit and e-mail, GitHub's generated notes (with the previous tag passed, since GitHub picks
 * it by rules of its own otherwise) give who opened each pull request and who contributed for the
 * first time. Each call may fail on its own; what failed is listed, not thrown.
 */
async function apiChangelog(api, request) {
    const problems = [];
    const loginsBySha = new Map();
    const loginsByEmail = new Map();
    const bots = new Set();
    let commits;
    let truncated = false;
    const limit = request.maxCommits ?? (request.withCommits ? 5_000 : 1_000);
    const compare = async () => {
        if (request.previousTag === undefined)
            return;
        try {
            const c = await api.compareCommits(request.previousTag, request.sha, limit);
            for (const commit of c.commits) {
                if (commit.authorLogin === undefined)
                    continue;
                loginsBySha.set(commit.sha, commit.authorLogin);
                if (commit.author.email !== '') {
                    loginsByEmail.set(commit.author.email.toLowerCase(), commit.authorLogin);
                }
                if (commit.authorIsBot === true)
                    bots.add(commit.authorLogin);
            }
            truncated = c.totalCommits > c.commits.length;
            if (request.withCommits)
                commits = c.commits.map(apiCommitToCommit);
        }
        catch (e) {
            problems.push(e.message);
        }
    };
    let generated;
    const notes = async () => {
        try {
            const g = await api.generateNotes({
                tagName: request.tag,
                targetCommitish: request.sha,
                ...(request.previousTag !== undefined && { previousTagName: request.previousTag }),
            });
            generated = parseGeneratedNotes(g.body);
        }
        catch (e) {
            problems.push(e.message);
        }
    };
    await Promise.all([compare(), notes()]);
    return {
        enrichment: {
            loginsBySha,
            loginsByEmail,
            bots,
            ...(generated !== undefined && {
                pullAuthors: generated.pullAuthors,
                newContributors: generated.newContributors,
            }),
        },
        ...(commits !== undefined && { commits }),
        truncated,
        problems,
    };
}


/***/ })

};
