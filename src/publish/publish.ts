import type { Plan } from '../plan/plan.js';
import {
  GUARDED_KINDS,
  type ImageTagDecision,
  type LatestMode,
  type TagKind,
  tagsForImage,
} from '../plan/tags.js';
import { parseVersion } from '../plan/version.js';
import type { RawManifest, Repository } from '../registry/types.js';
import { type Expected, type GuardResult, guardTags, recheckTags } from './guard.js';

export interface ImageTarget {
  /** The image name as the user gave it: `ghcr.io/acme/app`. */
  readonly image: string;
  readonly repo: Repository;
}

/** What is known about one image before anything is built or pushed. */
export interface Preflight {
  readonly target: ImageTarget;
  /** The tags this image will get, floating ones judged from its registry's tag list. */
  readonly decision: ImageTagDecision;
  readonly guard: GuardResult;
}

export interface PublishedImage {
  readonly image: string;
  readonly digest: string;
  /** Tags applied, in the order they were applied. */
  readonly tags: readonly string[];
  /** True when the release was already there and only missing tags were completed. */
  readonly reused: boolean;
}

/**
 * Lists each image's tags and runs the guard, before anything is built. Fails with a
 * TagConflictError naming every conflicting tag of the first image that has one.
 */
export async function preflight(
  targets: readonly ImageTarget[],
  plan: Plan,
  options: { latest: LatestMode; overwrite: boolean; expected: Expected },
): Promise<Preflight[]> {
  return Promise.all(
    targets.map(async (target) => {
      const registryTags = await target.repo.listTags();
      const decision = tagsForImage(plan.tags, plan.semver, options.latest, registryTags, (t) =>
        parseVersion(t),
      );
      const guarded = decision.tags
        .filter((t) => GUARDED_KINDS.has(t.kind))
        .map((t) => ({
          name: t.name,
          names: t.kind === 'stage' ? ('commit' as const) : ('version' as const),
        }));
      const guard = await guardTags(
        target.repo,
        target.image,
        guarded,
        options.expected,
        options.overwrite,
      );
      return { target, decision, guard };
    }),
  );
}

/** The rounds tags are applied in: every image's exact tags, then X.Y, then X, then latest. */
const ROUNDS: readonly (readonly TagKind[])[] = [
  ['version', 'ref', 'stage', 'pr', 'extra'],
  ['minor'],
  ['major'],
  ['latest'],
];

/**
 * Tags every image's content, which must already be complete in its repository. The guard is
 * checked again first for every image, so a conflict found now leaves no tag moved; then the
 * rounds go one after the other, so a failure part-way never leaves `1.2` or `latest` ahead of
 * `1.2.3`.
 */
export async function applyTags(
  preflights: readonly Preflight[],
  digestOf: (p: Preflight) => string,
  manifestOf: (p: Preflight, digest: string) => Promise<RawManifest>,
  overwrite: boolean,
): Promise<PublishedImage[]> {
  await Promise.all(
    preflights.map((p) =>
      recheckTags(p.target.repo, p.target.image, p.guard.existing, digestOf(p), overwrite),
    ),
  );
  const manifests = await Promise.all(preflights.map((p) => manifestOf(p, digestOf(p))));
  const applied = preflights.map(() => [] as string[]);
  for (const kinds of ROUNDS) {
    // Every image's round ends before a failure is reported: no tag is put after the run has
    // failed, and no later round starts.
    const round = await Promise.allSettled(
      preflights.map(async (p, i) => {
        const m = manifests[i] as RawManifest;
        for (const tag of p.decision.tags.filter((t) => kinds.includes(t.kind))) {
          await p.target.repo.putManifest(tag.name, { mediaType: m.mediaType, bytes: m.bytes });
          (applied[i] as string[]).push(tag.name);
        }
      }),
    );
    const failed = round.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return preflights.map((p, i) => ({
    image: p.target.image,
    digest: digestOf(p),
    tags: applied[i] as string[],
    reused: p.guard.published !== undefined && p.guard.published === digestOf(p),
  }));
}
