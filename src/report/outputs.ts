import type { Plan } from '../plan/plan.js';
import type { ReleaseOutcome } from '../github/release-body.js';
import type { ImagesOutcome } from '../publish/images.js';

/** The refs and tag names to report: what was pushed, or what was planned when nothing was. */
function reportedTags(
  plan: Plan,
  outcome: ImagesOutcome | undefined,
): {
  refs: string[];
  names: string[];
} {
  if (!outcome?.pushed) return { refs: [...plan.refs], names: plan.tags.map((t) => t.name) };
  const refs = outcome.images.flatMap((i) => i.tags.map((t) => `${i.image}:${t}`));
  const names = [...new Set(outcome.images.flatMap((i) => i.tags))];
  return { refs, names };
}

/** The platforms of what was pushed (a promoted image may have others than the input), else the plan's. */
function platforms(plan: Plan, outcome: ImagesOutcome | undefined): readonly string[] {
  const pushed = outcome?.pushed ? outcome.images[0]?.platforms : undefined;
  return pushed !== undefined && pushed.length > 0 ? pushed : plan.platforms;
}

function imageRefs(outcome: ImagesOutcome | undefined): string[] {
  return (outcome?.images ?? []).map((i) => `${i.image}@${i.digest}`);
}

/** The JSON output: docker/metadata-action's keys (`tags`, `tag-names`, `labels`, `annotations`) plus ours. */
export function planJson(
  plan: Plan,
  outcome?: ImagesOutcome,
  release?: ReleaseOutcome,
): Record<string, unknown> {
  const { refs, names } = reportedTags(plan, outcome);
  return {
    version: plan.version,
    prerelease: plan.prerelease,
    tags: refs,
    'tag-names': names,
    labels: Object.fromEntries(plan.labels.map((l) => [l.key, l.value])),
    annotations: plan.annotations,
    'build-args': Object.fromEntries(plan.buildArgs.map((a) => [a.key, a.value])),
    images: plan.images,
    platforms: platforms(plan, outcome),
    created: plan.created,
    revision: plan.sha,
    digest: outcome?.digest ?? '',
    'image-refs': imageRefs(outcome),
    'release-url': release?.url ?? '',
    'release-id': release?.id ?? '',
  };
}

/** Every output, in action.yml's order; values are strings as the runner stores them. */
export function planOutputs(
  plan: Plan,
  outcome?: ImagesOutcome,
  release?: ReleaseOutcome,
): [string, string][] {
  const { refs, names } = reportedTags(plan, outcome);
  return [
    ['version', plan.version],
    ['tags', refs.join('\n')],
    ['tag-names', names.join('\n')],
    ['labels', plan.labels.map((l) => `${l.key}=${l.value}`).join('\n')],
    ['annotations', plan.annotations.join('\n')],
    ['build-args', plan.buildArgs.map((a) => `${a.key}=${a.value}`).join('\n')],
    ['prerelease', String(plan.prerelease)],
    ['digest', outcome?.digest ?? ''],
    ['image-refs', imageRefs(outcome).join('\n')],
    ['platforms', platforms(plan, outcome).join(',')],
    ['release-url', release?.url ?? ''],
    ['release-id', release?.id ?? ''],
    ['release-body', release?.body ?? ''],
    ['json', JSON.stringify(planJson(plan, outcome, release))],
  ];
}
