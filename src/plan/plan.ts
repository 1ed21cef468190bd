import type { SemVer } from 'semver';
import { UsageError } from '../errors.js';
import type { EventContext } from '../event.js';
import { buildArgs } from './build-args.js';
import {
  type Annotation,
  type KeyValue,
  annotationLines,
  mergeKeyValues,
  ociLabels,
} from './labels.js';
import { TAG_GRAMMAR, imageNameProblem, isValidTag, sanitizeTag } from './reference.js';
import {
  type LatestMode,
  type PlannedTag,
  decideFloating,
  orderTags,
  versionTags,
} from './tags.js';
import { type Version, VERSION_FORMS, parseVersion, versionTag } from './version.js';

/** What the user asked for, already checked one input at a time by the settings reader. */
export interface PlanOptions {
  /** Empty: the default `ghcr.io/<owner>/<repo>`, lowercased. */
  readonly images: readonly string[];
  readonly version?: string;
  readonly tagPrefix?: string;
  readonly stage?: string;
  readonly latest: LatestMode;
  readonly extraTags: readonly string[];
  readonly labels: readonly KeyValue[];
  readonly annotations: readonly Annotation[];
  readonly buildArgs: readonly KeyValue[];
  readonly platforms: readonly string[];
}

/** Facts from outside the event: everything the planner would otherwise have to fetch. */
export interface PlanFacts {
  readonly event: EventContext;
  /** Names of the tags already published (git tags in dry-run); versions are read from them. */
  readonly publishedTags: readonly string[];
  /** The commit time from local git, used when the payload has none. */
  readonly gitCommitTime?: string;
  /** The clock, used only when neither the payload nor git knows the commit time. */
  readonly now: Date;
}

export type VersionSource = 'input' | 'dispatch' | 'release' | 'tag' | 'none';

export interface Plan {
  /** `1.2.3`, `1.3.0-rc.1`, `hotfix-123`, or the main tag of a build that is no version (`dev-a1b2c3d`). */
  readonly version: string;
  readonly versionSource: VersionSource;
  /**
   * The semver version when there is one (prerelease as marked on a GitHub release), so that
   * floating tags can be judged again against a registry's tags at push time.
   */
  readonly semver?: Version;
  /** True when the version is semver with a prerelease part. */
  readonly prerelease: boolean;
  readonly images: readonly string[];
  readonly tags: readonly PlannedTag[];
  /** Every image with every tag: `ghcr.io/acme/app:1.2.3`. */
  readonly refs: readonly string[];
  readonly labels: readonly KeyValue[];
  /** `level:key=value` lines. */
  readonly annotations: readonly string[];
  readonly buildArgs: readonly KeyValue[];
  readonly platforms: readonly string[];
  readonly created: string;
  readonly createdFrom: 'payload' | 'git' | 'clock';
  readonly sha: string;
  readonly warnings: readonly string[];
  /** How each floating tag was decided, for the log. */
  readonly notes: readonly string[];
  /** Advice worth a notice in the run's annotations, short of a warning. */
  readonly notices: readonly string[];
}

/** A version the user typed: semver with the usual prefixes (or `tag-prefix`), or any valid tag. */
type Requested = { kind: 'semver'; version: Version } | { kind: 'custom'; name: string };

function readRequested(
  raw: string,
  where: string,
  tagPrefix: string | undefined,
  warnings: string[],
): Requested {
  const version = (tagPrefix !== undefined && parseVersion(raw, tagPrefix)) || parseVersion(raw);
  if (version) return { kind: 'semver', version };
  if (!isValidTag(raw)) {
    throw new UsageError(
      where,
      `'${raw}' is neither a version (${VERSION_FORMS}) nor a valid tag (${TAG_GRAMMAR}); a tag may hold only letters, digits, '_', '.', '-', and not start with '.' or '-'`,
    );
  }
  // `v1.2` or `2` is published as itself, but the user probably meant a version: say so.
  if (/^[vV]?\.?[0-9]+(\.[0-9]+)?$/.test(raw)) {
    warnings.push(
      `${where}: '${raw}' is not a full version (${VERSION_FORMS}), so it is published as the tag '${raw}' alone, with no version tags.`,
    );
  }
  return { kind: 'custom', name: raw };
}

interface VersionChoice {
  readonly requested: Requested | undefined;
  readonly versionSource: VersionSource;
  /** Where the version was read, for an error about it. */
  readonly versionWhere: string;
  /** A pushed or released tag that is no version, sanitized; undefined if none or unusable. */
  readonly refTag: string | undefined;
}

/**
 * Where the version comes from, first match wins: the `version` input, the dispatch's own
 * `version` input, the release's tag, the pushed tag.
 */
function chooseVersion(
  options: PlanOptions,
  event: EventContext,
  warnings: string[],
): VersionChoice {
  const typed =
    options.version !== undefined
      ? { raw: options.version, where: 'version', source: 'input' as const }
      : event.dispatchVersion !== undefined
        ? {
            raw: event.dispatchVersion,
            where: "workflow_dispatch input 'version'",
            source: 'dispatch' as const,
          }
        : undefined;
  if (typed) {
    return {
      requested: readRequested(typed.raw, typed.where, options.tagPrefix, warnings),
      versionSource: typed.source,
      versionWhere: typed.where,
      refTag: undefined,
    };
  }
  const tagRef = event.ref.startsWith('refs/tags/')
    ? event.ref.slice('refs/tags/'.length)
    : undefined;
  const tag = event.releaseTag ?? tagRef;
  const none = {
    requested: undefined,
    versionSource: 'none',
    versionWhere: 'event payload',
  } as const;
  if (tag === undefined) return { ...none, refTag: undefined };
  const version = parseVersion(tag, options.tagPrefix);
  if (version) {
    return {
      requested: { kind: 'semver', version },
      versionSource: event.releaseTag !== undefined ? 'release' : 'tag',
      versionWhere: 'event payload',
      refTag: undefined,
    };
  }
  const refTag = sanitizeTag(tag) || undefined;
  const forms =
    options.tagPrefix !== undefined ? `'${options.tagPrefix}' followed by X.Y.Z` : VERSION_FORMS;
  const outcome =
    refTag !== undefined
      ? `it is published as '${refTag}'`
      : 'it has no character a tag can hold and is built like a branch';
  warnings.push(
    `The tag '${tag}' is not a version, so ${outcome}, with no version tags. Versions are tags of the form ${forms}.`,
  );
  return { ...none, refTag };
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Normalises an ISO time to UTC with whole seconds, or undefined if it does not parse. */
function utcSeconds(time: string | undefined): string | undefined {
  const ms = time === undefined ? NaN : Date.parse(time);
  return Number.isNaN(ms) ? undefined : isoSeconds(ms);
}

export function defaultImage(event: EventContext): string {
  return `ghcr.io/${event.repository.owner}/${event.repository.name}`.toLowerCase();
}

/**
 * The whole release plan: version, tags, labels, annotations and build args. Pure: the clock,
 * the event and the published tags are arguments, so the same facts always give the same plan.
 */
export function planRelease(options: PlanOptions, facts: PlanFacts): Plan {
  const { event } = facts;
  const warnings: string[] = [];
  const notes: string[] = [];
  const notices: string[] = [];
  const sha7 = event.sha.slice(0, 7);

  const { requested, versionSource, versionWhere, refTag } = chooseVersion(
    options,
    event,
    warnings,
  );

  const tags: PlannedTag[] = [];
  let version: string;
  let prerelease = false;
  let latest = false;
  let semver: Version | undefined;
  if (requested?.kind === 'semver') {
    // A release marked as a pre-release on GitHub is one even with a stable tag: it must not
    // move 1.2, 1 or latest.
    const markedPre = versionSource === 'release' && event.releasePrerelease === true;
    const v = markedPre ? { ...requested.version, prerelease: true } : requested.version;
    if (markedPre && !requested.version.prerelease) {
      notes.push('the GitHub release is marked as a pre-release: exact tag only');
    }
    prerelease = v.prerelease;
    semver = v;
    version = versionTag(v);
    // Semver allows 256 characters, a tag 128; a longer version cannot be published.
    if (!isValidTag(version)) {
      throw new UsageError(
        versionWhere,
        `the version '${v.source}' gives the tag '${version}' of ${version.length} characters; a tag holds at most 128 (${TAG_GRAMMAR})`,
      );
    }
    const published = facts.publishedTags
      .map((t) => parseVersion(t, options.tagPrefix)?.semver)
      .filter((s): s is SemVer => s !== undefined);
    const floating = decideFloating(v, published);
    if (published.length === 0)
      notes.push('no published versions found: this version is taken as the newest');
    notes.push(...floating.reasons);
    // A checkout made with the default fetch-depth has no tags but the one pushed: floating tags
    // judged on that alone could move backwards, so say how to give the planner the full list.
    if (!v.prerelease && published.every((p) => p.compare(v.semver) === 0)) {
      notices.push(
        `No version tags besides ${v.source} were found, so ${version} is taken as the newest version. If other versions exist, check out with fetch-depth: 0 (or fetch-tags: true) so that ${v.semver.major}.${v.semver.minor}, ${v.semver.major} and latest are judged against them.`,
      );
    }
    tags.push(...versionTags(v, floating));
    latest = floating.latest;
  } else if (requested?.kind === 'custom') {
    version = requested.name;
    tags.push({ name: requested.name, kind: 'version' });
  } else if (refTag !== undefined) {
    version = refTag;
    tags.push({ name: refTag, kind: 'ref' });
  } else if (event.pullRequest !== undefined) {
    version = `pr-${event.pullRequest}`;
    tags.push({ name: version, kind: 'pr' });
  } else {
    version = `${options.stage ?? 'dev'}-${sha7}`;
    tags.push({ name: version, kind: 'stage' });
  }
  if (options.stage !== undefined) tags.push({ name: `${options.stage}-${sha7}`, kind: 'stage' });
  for (const extra of options.extraTags) tags.push({ name: extra, kind: 'extra' });

  if (options.latest === 'true') {
    if (prerelease)
      warnings.push(
        `latest: true is ignored for the prerelease ${version}; prereleases never get 'latest'.`,
      );
    else latest = true;
  } else if (options.latest === 'false') {
    latest = false;
  }
  if (latest) tags.push({ name: 'latest', kind: 'latest' });
  const ordered = orderTags(tags);

  const images = options.images.length > 0 ? [...options.images] : [defaultImage(event)];
  const imageProblem = options.images.length > 0 ? undefined : imageNameProblem(images[0] ?? '');
  if (imageProblem !== undefined) {
    throw new UsageError(
      'images',
      `the default image '${images[0] ?? ''}' made from the repository name is not valid (${imageProblem}); set images explicitly, e.g. ghcr.io/acme/app`,
    );
  }
  const payloadTime = utcSeconds(event.commitTime);
  const gitTime = utcSeconds(facts.gitCommitTime);
  const created = payloadTime ?? gitTime ?? isoSeconds(facts.now.getTime());
  const createdFrom = payloadTime ? 'payload' : gitTime ? 'git' : 'clock';
  if (createdFrom === 'clock') {
    warnings.push(
      'The commit time is neither in the event payload nor in local git, so `created` is the current time and the image is not reproducible.',
    );
  }

  const base = ociLabels(event, version, created);
  return {
    version,
    versionSource,
    ...(semver !== undefined && { semver }),
    prerelease,
    images,
    tags: ordered,
    refs: images.flatMap((image) => ordered.map((t) => `${image}:${t.name}`)),
    labels: mergeKeyValues(base, options.labels),
    annotations: annotationLines(base, options.annotations, options.platforms.length > 1),
    buildArgs: buildArgs(version, event.sha, created, options.buildArgs),
    platforms: [...options.platforms],
    created,
    createdFrom,
    sha: event.sha,
    warnings,
    notes,
    notices,
  };
}
