/**
 * The real effects of a release that is not a dry run: our registry client and a build
 * engine, wired to the plan. Loaded by main only when something is built or pushed, so the
 * dry-run path never pays for them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuilder } from '../build/builder.js';
import { type Login, dockerConfigWithLogins } from '../build/docker-config.js';
import type { BuildRequest } from '../build/types.js';
import type { EventContext } from '../event.js';
import { spawnExec } from '../exec.js';
import type { Plan } from '../plan/plan.js';
import { createRegistryClient, parseReference } from '../registry/index.js';
import type { Runner } from '../runner.js';
import type { Settings } from '../settings.js';
import { type BuiltImage, type ImagesOutcome, releaseImages } from './images.js';

export interface PublishContext {
  readonly runner: Runner;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The workspace: context and file are relative to it. */
  readonly cwd: string;
  /** The plan for another commit of the checkout (a promoted image's). */
  readonly replan?: (sha: string) => Promise<Plan>;
}

/** Pull requests build but do not push by default: their code is not reviewed yet. */
export function shouldPush(settings: Settings, event: EventContext): boolean {
  if (settings.push !== 'auto') return settings.push === 'true';
  return event.name !== 'pull_request' && event.name !== 'pull_request_target';
}

/** One gha cache scope per image set and platform set: parallel jobs must not share one. */
export function cacheScope(plan: Plan): string {
  return `image-release:${plan.images.join(',')}:${plan.platforms.join(',')}`.replace(
    /[^A-Za-z0-9._:,/-]/g,
    '-',
  );
}

function buildRequest(
  plan: Plan,
  settings: Settings,
  push: boolean,
  tempDir: string,
): BuildRequest {
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
function buildxEnv(
  plan: Plan,
  settings: Settings,
  env: PublishContext['env'],
  push: boolean,
  tempDir: string,
  runner: Runner,
): PublishContext['env'] {
  if (settings.engine !== 'buildx' || !push || settings.promoteFrom !== undefined) return env;
  const logins: Login[] = [];
  for (const registry of new Set(plan.images.map((i) => parseReference(i).registry))) {
    if (settings.username !== undefined && settings.password !== undefined) {
      logins.push({
        registry,
        username: settings.username,
        password: settings.password,
        override: true,
      });
    } else if (registry === 'ghcr.io' && settings.githubToken !== '') {
      logins.push({
        registry,
        username: env.GITHUB_ACTOR || 'x-access-token',
        password: settings.githubToken,
        override: false,
      });
    }
  }
  const own = dockerConfigWithLogins(env, logins, tempDir);
  for (const w of own.warnings) runner.warning(w);
  return own.dir !== undefined ? { ...env, DOCKER_CONFIG: own.dir } : env;
}

export async function publish(
  plan: Plan,
  settings: Settings,
  event: EventContext,
  ctx: PublishContext,
): Promise<ImagesOutcome> {
  const { runner, env } = ctx;
  const push = shouldPush(settings, event);
  const credentials =
    settings.username !== undefined && settings.password !== undefined
      ? Object.fromEntries(
          plan.images.map((image) => [
            parseReference(image).registry,
            { username: settings.username as string, password: settings.password as string },
          ]),
        )
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
  const tempDir = mkdtempSync(join(env.RUNNER_TEMP ?? tmpdir(), 'image-release-'));
  try {
    const builder = createBuilder(settings.engine, {
      exec: spawnExec,
      env: buildxEnv(plan, settings, env, push, tempDir, runner),
      cwd: ctx.cwd,
    });
    // Promotion builds nothing: a runner without the engine may promote.
    if (settings.promoteFrom === undefined) await builder.check();
    return await releaseImages(
      plan,
      push,
      {
        latest: settings.latest,
        overwrite: settings.overwrite,
        ...(settings.promoteFrom !== undefined && { promoteFrom: settings.promoteFrom }),
      },
      {
        repository: (image) => client.repository(image),
        info: (m) => runner.info(m),
        warning: (m) => runner.warning(m),
        ...(ctx.replan !== undefined && { replan: ctx.replan }),
        async build(pushNow): Promise<BuiltImage> {
          runner.startGroup(
            `Build with ${settings.engine} for ${plan.platforms.join(', ')}${pushNow && settings.engine === 'buildx' ? ', pushed by digest' : ''}`,
          );
          // Warnings become annotations, which cannot be issued while commands are stopped.
          const warnings: string[] = [];
          try {
            const result = await runner.commandsStopped(() =>
              builder.build(buildRequest(plan, settings, pushNow, tempDir), {
                info: (m) => runner.info(m),
                warning: (m) => {
                  warnings.push(m);
                  runner.info(`warning: ${m}`);
                },
                output: (line) => runner.info(line),
              }),
            );
            if (result.kind === 'layout') {
              return { kind: 'layout', dir: result.dir, digest: result.digest };
            }
            return result.pushed
              ? { kind: 'pushed', digest: result.digest }
              : { kind: 'local', digest: result.digest };
          } finally {
            runner.endGroup();
            for (const w of warnings) runner.warning(w);
          }
        },
      },
    );
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
