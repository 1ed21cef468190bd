import type { Plan } from '../plan/plan.js';
import type { ReleaseOutcome } from '../github/release-body.js';
import type { ImagesOutcome } from '../publish/images.js';

/** Everything printed into the summary comes from inputs, refs and payloads: escape it all. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A table cell: HTML-escaped, with `|` and line breaks that would end the cell neutralised. */
function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}

export function planSummary(plan: Plan, dryRun: boolean): string {
  const out: string[] = [];
  out.push(`### image-release ${dryRun ? 'plan (dry run)' : 'plan'}: ${code(plan.version)}`, '');
  out.push(
    `Version ${code(plan.version)}${plan.prerelease ? ' (prerelease)' : ''} from commit ${code(plan.sha.slice(0, 7))}, platforms ${plan.platforms.map(code).join(', ')}.`,
    '',
  );
  out.push('| Image | Tag | Kind |', '| --- | --- | --- |');
  for (const image of plan.images)
    for (const tag of plan.tags) out.push(`| ${code(image)} | ${code(tag.name)} | ${tag.kind} |`);
  out.push('', '| Label | Value |', '| --- | --- |');
  for (const l of plan.labels) out.push(`| ${code(l.key)} | ${cell(l.value)} |`);
  if (plan.warnings.length > 0) {
    out.push('', '**Warnings**', '');
    for (const w of plan.warnings) out.push(`- ${cell(w)}`);
  }
  out.push('');
  return out.join('\n') + '\n';
}

/** The plan as plain text, for the log and the local preview. */
export function planText(plan: Plan): string {
  const section = (title: string, rows: readonly string[]) =>
    rows.length === 0 ? [] : [`${title}:`, ...rows.map((r) => `  ${r}`)];
  return [
    `version:    ${plan.version}${plan.prerelease ? ' (prerelease)' : ''}`,
    `commit:     ${plan.sha}`,
    `created:    ${plan.created} (from ${plan.createdFrom})`,
    `platforms:  ${plan.platforms.join(', ')}`,
    ...section('tags', plan.refs),
    ...section('floating tags', plan.notes),
    ...section(
      'labels',
      plan.labels.map((l) => `${l.key}=${l.value}`),
    ),
    ...section('annotations', plan.annotations),
    ...section(
      'build-args',
      plan.buildArgs.map((a) => `${a.key}=${a.value}`),
    ),
  ].join('\n');
}

/** The pushed images: what each got, its digest, and how to pull it by tag and by digest. */
export function imagesSummary(plan: Plan, outcome: ImagesOutcome): string {
  const out: string[] = [];
  if (!outcome.pushed) {
    const what = outcome.digest !== undefined ? `Built ${code(outcome.digest)}` : 'Built';
    out.push(
      `${what} for ${plan.platforms.map(code).join(', ')}; nothing was pushed (push is off for this event).`,
      '',
    );
    return out.join('\n') + '\n';
  }
  const verb =
    outcome.promotedFrom !== undefined ? `Promoted from ${code(outcome.promotedFrom)}` : 'Pushed';
  out.push(`#### ${verb}`, '');
  out.push('| Image | Tags | Digest | Platforms |', '| --- | --- | --- | --- |');
  for (const image of outcome.images) {
    out.push(
      `| ${code(image.image)} | ${image.tags.map(code).join(' ')}${image.reused ? ' (already published: tags completed)' : ''} | ${code(image.digest)} | ${(image.platforms.length > 0 ? image.platforms : plan.platforms).map(code).join(' ')} |`,
    );
  }
  const pulls = outcome.images.flatMap((image) => [
    ...(image.tags[0] !== undefined ? [`docker pull ${image.image}:${image.tags[0]}`] : []),
    `docker pull ${image.image}@${image.digest}`,
  ]);
  out.push('', '<pre>', ...pulls.map(escapeHtml), '</pre>', '');
  return out.join('\n') + '\n';
}

/** A link to the release, or in a dry run a note that its body is in the release-body output. */
export function releaseSummary(release: ReleaseOutcome): string {
  if (release.outcome === 'drafted') {
    return `GitHub release ${code(release.tag)}: drafted from local git (dry run); the notes are in the \`release-body\` output.\n\n`;
  }
  // An https address of the GitHub server; escaped all the same, as everything printed here is.
  return `GitHub release ${code(release.tag)} ${release.outcome}: <a href="${escapeHtml(release.url)}">${escapeHtml(release.url)}</a>\n\n`;
}
