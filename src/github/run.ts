/**
 * The release step: the GitHub release of a version build, after its images are out. Drafts
 * the changelog from local git (fetching what a shallow checkout lacks), asks the API for logins
 * and first-time contributors, and creates or updates the release with this step's image
 * sections. Loaded by main only when a release is made.
 */
import type { EventContext } from '../event.js';
import { localChangelog } from '../git/log.js';
import type { Plan } from '../plan/plan.js';
import { previousVersion } from '../plan/previous.js';
import { type ReleaseNotes, draftReleaseNotes } from '../plan/release-notes.js';
import type { ImagesOutcome } from '../publish/images.js';
import type { Runner } from '../runner.js';
import type { Settings } from '../settings.js';
import {
  type ReleaseOutcome,
  imageReleases,
  makeLatest,
  releaseDecision,
  releaseTag,
} from './release-body.js';

export interface ReleaseContext {
  readonly runner: Runner;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Creates or updates the release; throws with what to do when it cannot. */
export async function publishReleaseStep(
  plan: Plan,
  settings: Settings,
  event: EventContext,
  images: ImagesOutcome | undefined,
  ctx: ReleaseContext,
): Promise<ReleaseOutcome | undefined> {
  const { runner, env } = ctx;
  const decision = releaseDecision(plan, settings);
  if (!decision.release) {
    if (settings.release !== 'auto' && settings.release !== 'false')
      runner.warning(`No GitHub release: ${decision.reason}.`);
    else runner.info(`No GitHub release: ${decision.reason}.`);
    return undefined;
  }
  runner.startGroup(`GitHub release of ${plan.version}`);
  try {
    const source = localChangelog(ctx.cwd, { env });
    const tags = await source.tagNames();
    for (const n of tags.notes) runner.info(n);
    if (tags.problem !== undefined) runner.info(tags.problem);
    const tag = releaseTag(plan, event, settings.tagPrefix, tags.names);
    runner.info(`Release tag: ${tag}`);
    const previous = plan.semver
      ? previousVersion(plan.semver, tags.names, settings.tagPrefix)
      : undefined;
    runner.info(
      previous !== undefined
        ? `Changes since ${previous.source}`
        : 'No earlier version: a first release lists the whole history',
    );
    // Without the full tag list, the previous version and the highest one are guesses: a
    // backport must not take "Latest", and a changelog must not start at the first commit.
    const partial = tags.problem !== undefined;
    if (partial) {
      runner.warning(
        `Not all tags are known (${tags.problem}), so this release is not marked Latest${previous === undefined ? ' and its changelog is left as it was' : ''}. Check out with fetch-depth: 0 to give them.`,
      );
    }
    const range = await source.commits(plan.sha, previous?.source);
    for (const n of range.notes) runner.info(n);
    if (!range.ok) runner.info(`${range.problem}; reading the commits from the API instead`);

    const { createReleaseApi } = await import('./octokit.js');
    const { apiChangelog } = await import('./changelog.js');
    const { publishRelease } = await import('./publish.js');
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
    for (const p of fromApi.problems) runner.info(`Release notes without: ${p}`);
    const commits = range.ok ? range.commits : fromApi.commits;
    let notes: ReleaseNotes | undefined;
    if (partial && previous === undefined) {
      notes = undefined;
    } else if (commits !== undefined) {
      notes = draftReleaseNotes({
        repositoryUrl: event.repository.htmlUrl,
        tag,
        ...(previous !== undefined && { previousTag: previous.source }),
        commits,
        truncated: range.ok ? range.truncated : fromApi.truncated,
        enrichment: fromApi.enrichment,
      });
    } else {
      runner.warning(
        'Neither local git nor the API gave the commits of this release: its changelog is left as it was. Check out with fetch-depth: 0 to give git the history.',
      );
    }
    const result = await publishRelease(api, {
      tag,
      sha: plan.sha,
      prerelease: plan.prerelease,
      makeLatest: !partial && makeLatest(plan, settings, tags.names),
      draft: decision.draft,
      overwrite: settings.overwrite,
      triggeredByRelease: event.name === 'release',
      body: { ...(notes !== undefined && { notes }), images: imageReleases(plan, images) },
    });
    for (const line of result.log) runner.info(line);
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
  } finally {
    runner.endGroup();
  }
}
