import type { Plan } from '../plan/plan.js';
import {
  FLOATING_KINDS,
  GUARDED_KINDS,
  type ImageTagDecision,
  type LatestMode,
  type PlannedTag,
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
  /** The exact tags this image will get; the floating ones are judged when it has them. */
  readonly exact: readonly PlannedTag[];
  /**
   * The floating tags (`X.Y`, `X`, `latest`), judged from the image's tag list as it is when
   * asked: after its exact tags are put, so that a release that finished meanwhile is seen.
   */
  readonly floating: () => Promise<ImageTagDecision>;
  readonly guard: GuardResult;
}

export interface PublishedImage {
  readonly image: string;
  readonly digest: string;
  /** Tags applied, in the order they were applied. */
  readonly tags: readonly string[];
  /** True when the release was already there and only missing tags were completed. */
  readonly reused: boolean;
  /** The platforms of the image tagged, read from its index (`os/arch[/variant]`). */
  readonly platforms: readonly string[];
}

/**
 * The platforms an index lists, attestation manifests (`unknown/unknown`) left out; a single
 * manifest says nothing of its platform without its config, so it gives [].
 */
export function indexPlatforms(manifest: RawManifest): string[] {
  try {
    const json = JSON.parse(Buffer.from(manifest.bytes).toString('utf8')) as {
      manifests?: { platform?: { os?: string; architecture?: string; variant?: string } }[];
    };
    return (json.manifests ?? [])
      .map((m) => m.platform)
      .filter((p) => p?.os !== undefined && p.os !== 'unknown' && p.architecture !== undefined)
      .map((p) => [p?.os, p?.architecture, p?.variant].filter((x) => x !== undefined).join('/'));
  } catch {
    return [];
  }
}

/**
 * Runs each image's guard, before anything is built. Fails with a TagConflictError naming the
 * conflicting tags of the first image that has one.
 */
export async function preflight(
  targets: readonly ImageTarget[],
  plan: Plan,
  options: { latest: LatestMode; overwrite: boolean; expected: Expected },
): Promise<Preflight[]> {
  const exact = plan.tags.filter((t) => !FLOATING_KINDS.has(t.kind));
  const guarded = exact
    .filter((t) => GUARDED_KINDS.has(t.kind))
    .map((t) => ({
      name: t.name,
      names: t.kind === 'stage' ? ('commit' as const) : ('version' as const),
    }));
  return Promise.all(
    targets.map(async (target) => {
      const guard = await guardTags(
        target.repo,
        target.image,
        guarded,
        options.expected,
        options.overwrite,
      );
      const floating = async () => {
        const decision = tagsForImage(
          plan.tags,
          plan.semver,
          options.latest,
          await target.repo.listTags(),
          (t) => parseVersion(t),
        );
        return { ...decision, tags: decision.tags.filter((t) => FLOATING_KINDS.has(t.kind)) };
      };
      return { target, exact, floating, guard };
    }),
  );
}

/** The rounds tags are applied in: every image's exact tags, then X.Y, then X, then latest. */
const FLOATING_ROUNDS: readonly TagKind[] = ['minor', 'major', 'latest'];

/**
 * Tags every image's content, which must already be complete in its repository. The guard is
 * checked again first for every image, so a conflict found now leaves no tag moved. Then come
 * rounds: every image's exact tags, then `X.Y`, `X`, `latest`, so a failure part-way never leaves
 * a floating tag ahead of its version. The floating tags are judged after the exact round, from
 * the tag list as it is then: a newer version released while this one was building keeps them.
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
  // Every image's round ends before a failure is reported: no tag is put after the run has
  // failed, and no later round starts.
  const round = async (tagsOf: (p: Preflight, i: number) => readonly PlannedTag[]) => {
    const settled = await Promise.allSettled(
      preflights.map(async (p, i) => {
        const m = manifests[i] as RawManifest;
        for (const tag of tagsOf(p, i)) {
          await p.target.repo.putManifest(tag.name, { mediaType: m.mediaType, bytes: m.bytes });
          (applied[i] as string[]).push(tag.name);
        }
      }),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  await round((p) => p.exact);
  const floating = await Promise.all(preflights.map((p) => p.floating()));
  for (const kind of FLOATING_ROUNDS) {
    await round((_p, i) => (floating[i]?.tags ?? []).filter((t) => t.kind === kind));
  }
  return preflights.map((p, i) => ({
    image: p.target.image,
    digest: digestOf(p),
    tags: applied[i] as string[],
    reused: p.guard.published !== undefined && p.guard.published === digestOf(p),
    platforms: indexPlatforms(manifests[i] as RawManifest),
  }));
}
