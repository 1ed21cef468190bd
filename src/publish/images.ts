import { UsageError } from '../errors.js';
import type { Plan } from '../plan/plan.js';
import type { LatestMode } from '../plan/tags.js';
import type { RawManifest, Repository } from '../registry/types.js';
import { copyImage } from './copy.js';
import { type Expected, originOf } from './guard.js';
import {
  type ImageTarget,
  type Preflight,
  type PublishedImage,
  applyTags,
  preflight,
} from './publish.js';
import { type ImageSource, layoutSource, repositorySource } from './source.js';

/** What a build left behind: content already pushed by digest, or an OCI layout to push. */
export type BuiltImage =
  | { readonly kind: 'pushed'; readonly digest: string }
  | { readonly kind: 'layout'; readonly dir: string; readonly digest: string }
  | { readonly kind: 'local'; readonly digest?: string };

export interface ImagesOptions {
  readonly latest: LatestMode;
  readonly overwrite: boolean;
  readonly promoteFrom?: string;
}

export interface ImagesEffects {
  /** The repository of an image name, on a client shared by all images. */
  repository(image: string): Repository;
  /** Builds the plan's image; pushes by digest to every image when `push` (buildx does). */
  build(push: boolean): Promise<BuiltImage>;
  /**
   * The plan again for another commit: a promoted image was built from its own commit, which
   * its version tags, `<stage>-<sha7>` and the release must name, not this run's HEAD.
   */
  replan?(sha: string): Promise<Plan>;
  info(message: string): void;
  warning?(message: string): void;
}

export interface ImagesOutcome {
  readonly pushed: boolean;
  /** The digest of the first image (all images get the same content unless one was reused). */
  readonly digest?: string;
  readonly images: readonly PublishedImage[];
  readonly promotedFrom?: string;
  /** The plan as published: a promotion's is made for the promoted image's commit. */
  readonly plan?: Plan;
}

/**
 * The commit and version this build's image will say it is: the labels as planned, so that a
 * `labels` input overriding them is compared with what it wrote.
 */
function buildExpected(plan: Plan): Expected {
  const label = (key: string) =>
    plan.labels.find((l) => l.key === `org.opencontainers.image.${key}`)?.value;
  return {
    kind: 'build',
    sha: label('revision') ?? plan.sha,
    version: label('version') ?? plan.version,
  };
}

function short(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

async function promote(
  plan: Plan,
  options: ImagesOptions & { promoteFrom: string },
  targets: readonly ImageTarget[],
  effects: ImagesEffects,
): Promise<ImagesOutcome> {
  const first = targets[0] as ImageTarget;
  const source = await first.repo.getManifest(options.promoteFrom);
  if (!source) {
    throw new UsageError(
      'promote-from',
      `'${options.promoteFrom}' does not exist in ${first.image}; give a tag or digest that was pushed there (e.g. the dev-<sha7> tag of a branch build)`,
    );
  }
  effects.info(
    `Promoting ${first.image}@${source.digest} (${options.promoteFrom}); nothing is built.`,
  );
  const { revision } = await originOf(first.repo, source.digest, source);
  let published = plan;
  if (revision === undefined || !/^[0-9a-f]{40}$/.test(revision)) {
    effects.warning?.(
      `${first.image}:${options.promoteFrom} does not say which commit it was built from (no org.opencontainers.image.revision label), so it is published as ${plan.version} of this run's commit ${plan.sha.slice(0, 7)}.`,
    );
  } else if (revision !== plan.sha && effects.replan !== undefined) {
    effects.info(
      `${options.promoteFrom} was built from commit ${revision.slice(0, 7)}, not this run's ${plan.sha.slice(0, 7)}: its tags and release name ${revision.slice(0, 7)}.`,
    );
    published = await effects.replan(revision);
  }
  const expected: Expected = { kind: 'digest', digest: source.digest };
  const checked = await preflight(targets, published, { ...options, expected });
  const from = repositorySource(first.repo);
  for (const p of checked.slice(1)) {
    effects.info(`Copying ${short(source.digest)} to ${p.target.image}`);
    await copyImage(from, source.digest, p.target.repo);
  }
  const images = await applyTags(
    checked,
    () => source.digest,
    () => Promise.resolve(source),
    options.overwrite,
  );
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
export async function releaseImages(
  plan: Plan,
  push: boolean,
  options: ImagesOptions,
  effects: ImagesEffects,
): Promise<ImagesOutcome> {
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
    if (p.guard.published === undefined) continue;
    const held = [...p.guard.existing].filter(([, d]) => d !== undefined).map(([t]) => t);
    effects.info(
      `${p.target.image} already holds this commit built as this version (${short(p.guard.published)}) under ${held.join(', ')}: its tags are completed on that digest, not rebuilt. Set overwrite: true to replace it.`,
    );
  }
  const toBuild = checked.filter((p) => p.guard.published === undefined);
  let built: BuiltImage | undefined;
  let layout: ImageSource | undefined;
  if (toBuild.length > 0) {
    built = await effects.build(true);
    if (built.kind === 'local' || built.digest === undefined) {
      throw new Error('the build pushed nothing and left no image layout to push');
    }
    if (built.kind === 'layout') {
      const source = layoutSource(built.dir);
      layout = source;
      for (const p of toBuild) {
        effects.info(`Pushing ${short(built.digest)} to ${p.target.image} by digest`);
        await copyImage(source, built.digest, p.target.repo);
      }
    }
  }
  const builtDigest = built?.digest;
  const digestOf = (p: Preflight): string => p.guard.published ?? (builtDigest as string);
  const manifestOf = async (p: Preflight, digest: string): Promise<RawManifest> => {
    if (layout !== undefined && digest === builtDigest) return layout.manifest(digest);
    const m = await p.target.repo.getManifest(digest);
    if (!m) {
      throw new Error(
        `${p.target.image}@${digest} is not in the registry after the push; nothing was tagged`,
      );
    }
    return m;
  };
  const images = await applyTags(checked, digestOf, manifestOf, options.overwrite);
  const digest = images[0]?.digest;
  return { pushed: true, ...(digest !== undefined && { digest }), images };
}
