// What bench/changelog.mjs times, bundled by it with ncc into .tmp/ (dist/ is left alone): the
// same modules the action runs to draft a release body from local git.
export { localChangelog } from '../src/git/log.js';
export { composeReleaseBody, draftReleaseNotes } from '../src/plan/release-notes.js';
