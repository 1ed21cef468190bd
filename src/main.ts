import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';
import { type EventContext, parseEvent } from './event.js';
import type { GitHistory } from './git/history.js';
import { type Plan, planRelease } from './plan/plan.js';
import { decideRelease } from './plan/release-mode.js';
import type { ReleaseOutcome } from './github/release-body.js';
import type { ImagesOutcome } from './publish/images.js';
import { planOutputs } from './report/outputs.js';
import { imagesSummary, planSummary, planText, releaseSummary } from './report/summary.js';
import type { Runner } from './runner.js';
import { type Settings, readSettings } from './settings.js';

export interface Dependencies {
  readonly runner: Runner;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly git: GitHistory;
  readonly now: () => Date;
  /** The workspace (GITHUB_WORKSPACE), where the build context is. */
  readonly cwd: string;
}

function readPayload(env: Dependencies['env']): unknown {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      'GITHUB_EVENT_PATH',
      `cannot read the event payload '${path}': ${(e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError('GITHUB_EVENT_PATH', `'${path}' is not JSON: ${(e as Error).message}`);
  }
}

async function plan(settings: Settings, event: EventContext, deps: Dependencies): Promise<Plan> {
  // Published versions come from the checkout's tags in this version; build-and-push will ask
  // the registry. Git is asked for the commit time only when the payload lacks it.
  const [publishedTags, gitCommitTime] = await Promise.all([
    deps.git.tags(),
    event.commitTime === undefined ? deps.git.commitTime(event.sha) : Promise.resolve(undefined),
  ]);
  return planRelease(settings, {
    event,
    publishedTags,
    ...(gitCommitTime !== undefined && { gitCommitTime }),
    now: deps.now(),
  });
}

/** The event as if it had run on `sha`: the payload's commit time is the old commit's, so it goes. */
function withCommit(event: EventContext, sha: string): EventContext {
  const moved: { -readonly [K in keyof EventContext]: EventContext[K] } = { ...event, sha };
  delete moved.commitTime;
  return moved;
}

/** Why a step failed, for the one error line: the stack only for what is a bug of ours. */
function failure(e: unknown, stage: 'plan' | 'publish'): string {
  if (e instanceof UsageError) return e.message;
  const err = e instanceof Error ? e : new Error(String(e));
  // Registry, guard and build errors name what failed and what to do; they are not bugs.
  if (stage === 'publish') return err.message;
  return `image-release failed unexpectedly: ${err.stack ?? err.message}`;
}

/**
 * settings → event → plan → (build, push, tag) → outputs and summary. Every failure ends as
 * one error naming its cause.
 */
export async function run(deps: Dependencies): Promise<number> {
  const { runner } = deps;
  let stage: 'plan' | 'publish' = 'plan';
  try {
    const settings = readSettings(runner.getInput, runner.setSecret);
    const event = parseEvent(deps.env, readPayload(deps.env));
    const result = await plan(settings, event, deps);

    for (const warning of result.warnings) runner.warning(warning);
    for (const notice of result.notices) runner.notice(notice);
    runner.startGroup(
      `Plan: ${result.version} (${result.tags.length} tags × ${result.images.length} images)`,
    );
    // The plan echoes inputs and payload text; stopping command processing keeps a line such as
    // `::add-mask::` or `::error::` inside a label from being taken for a runner command.
    runner.verbatim(planText(result));
    runner.endGroup();

    const ctx = { runner, env: deps.env, cwd: deps.cwd };
    const decision = decideRelease(settings.release, {
      versionSource: result.versionSource,
      semver: result.semver !== undefined,
      version: result.version,
    });
    if (!settings.dryRun && decision.release && settings.githubToken === '') {
      // Found now rather than after the images are out.
      throw new UsageError(
        'github-token',
        'the GitHub release needs a token with contents: write; leave github-token at its default (${{ github.token }}) and give the job permissions: contents: write, or set release: false',
      );
    }
    let outcome: ImagesOutcome | undefined;
    let release: ReleaseOutcome | undefined;
    let published = result;
    let releaseError: Error | undefined;
    if (!settings.dryRun) {
      stage = 'publish';
      // Loaded here: the registry client, the engines and octokit are not needed to plan.
      const { publish } = await import('./publish/run.js');
      outcome = await publish(result, settings, event, {
        ...ctx,
        replan: (sha) => plan(settings, withCommit(event, sha), deps),
      });
      published = outcome.plan ?? result;
      if (decision.release && !outcome.pushed) {
        runner.warning(
          `No GitHub release for ${published.version}: nothing was pushed (push: ${settings.push} on ${event.name}), so its pull commands would name images that do not exist.`,
        );
      } else {
        const { publishReleaseStep } = await import('./github/run.js');
        // The images are out by now: their outputs and summary are written even when the
        // release fails, and the failure is reported after them.
        try {
          release = await publishReleaseStep(published, settings, event, outcome, ctx);
        } catch (e) {
          releaseError = e instanceof Error ? e : new Error(String(e));
        }
      }
    } else if (decision.release) {
      const { draftReleaseBody } = await import('./github/release-body.js');
      release = await draftReleaseBody(result, settings, event, {
        ...ctx,
        notice: (m) => runner.notice(m),
      });
    }
    runner.appendSummary(
      planSummary(published, settings.dryRun) +
        (outcome !== undefined ? imagesSummary(published, outcome) : '') +
        (release !== undefined ? releaseSummary(release) : ''),
    );
    // Outputs in one write: a failure before this point leaves none behind.
    runner.setOutputs(planOutputs(published, outcome, release));
    if (releaseError !== undefined) throw releaseError;
    return 0;
  } catch (e) {
    runner.error(failure(e, stage));
    if (stage === 'publish' && e instanceof Error && e.stack) runner.debug(e.stack);
    return 1;
  }
}
