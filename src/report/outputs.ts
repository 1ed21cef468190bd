import type { Plan } from '../plan/plan.js';

/** The JSON output: docker/metadata-action's keys (`tags`, `tag-names`, `labels`, `annotations`) plus ours. */
export function planJson(plan: Plan): Record<string, unknown> {
  return {
    version: plan.version,
    prerelease: plan.prerelease,
    tags: plan.refs,
    'tag-names': plan.tags.map((t) => t.name),
    labels: Object.fromEntries(plan.labels.map((l) => [l.key, l.value])),
    annotations: plan.annotations,
    'build-args': Object.fromEntries(plan.buildArgs.map((a) => [a.key, a.value])),
    images: plan.images,
    platforms: plan.platforms,
    created: plan.created,
    revision: plan.sha,
  };
}

/** Every output, in action.yml's order; values are strings as the runner stores them. */
export function planOutputs(plan: Plan): [string, string][] {
  return [
    ['version', plan.version],
    ['tags', plan.refs.join('\n')],
    ['tag-names', plan.tags.map((t) => t.name).join('\n')],
    ['labels', plan.labels.map((l) => `${l.key}=${l.value}`).join('\n')],
    ['annotations', plan.annotations.join('\n')],
    ['build-args', plan.buildArgs.map((a) => `${a.key}=${a.value}`).join('\n')],
    ['prerelease', String(plan.prerelease)],
    ['json', JSON.stringify(planJson(plan))],
  ];
}
