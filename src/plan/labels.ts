import type { EventContext } from '../event.js';

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** Where an annotation goes; `buildx --annotation` and `buildah --annotation` take these levels. */
export type AnnotationLevel = 'manifest' | 'index' | 'manifest-descriptor' | 'index-descriptor';
export const ANNOTATION_LEVELS: readonly AnnotationLevel[] = [
  'manifest',
  'index',
  'manifest-descriptor',
  'index-descriptor',
];

export interface Annotation extends KeyValue {
  /** Levels given by the user (`index:key=value`); undefined means the default levels. */
  readonly levels?: readonly AnnotationLevel[];
}

/**
 * The manifest always, so each platform image carries them; the index too for a multi-platform
 * build, so that registries showing the top object of a multi-arch image (GHCR's description)
 * find them. A single-platform build has no index, and BuildKit refuses index annotations there.
 */
export function defaultAnnotationLevels(multiPlatform: boolean): readonly AnnotationLevel[] {
  return multiPlatform ? ['manifest', 'index'] : ['manifest'];
}

const OCI = 'org.opencontainers.image';

/** The OCI standard keys, all from the event payload so that a plan needs no API call. */
export function ociLabels(event: EventContext, version: string, created: string): KeyValue[] {
  const repo = event.repository;
  const entries: [string, string | undefined][] = [
    ['created', created],
    ['description', repo.description],
    ['licenses', repo.license],
    ['revision', event.sha],
    ['source', repo.htmlUrl],
    ['title', repo.name],
    ['url', repo.htmlUrl],
    ['version', version],
  ];
  return entries.flatMap(([k, v]) => (v === undefined ? [] : [{ key: `${OCI}.${k}`, value: v }]));
}

/** Later entries win; the result is sorted by key (the order docker/metadata-action prints). */
export function mergeKeyValues(
  base: readonly KeyValue[],
  overrides: readonly KeyValue[],
): KeyValue[] {
  const map = new Map<string, string>();
  for (const { key, value } of [...base, ...overrides]) map.set(key, value);
  return [...map]
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Annotation lines as `level:key=value`, one per level. A user annotation replaces the OCI one
 * with the same key on the levels it names and leaves the other levels alone.
 */
export function annotationLines(
  base: readonly KeyValue[],
  user: readonly Annotation[],
  multiPlatform: boolean,
): string[] {
  const levels = defaultAnnotationLevels(multiPlatform);
  const byLevel = new Map<AnnotationLevel, Map<string, string>>();
  const put = (level: AnnotationLevel, key: string, value: string) => {
    let m = byLevel.get(level);
    if (!m) byLevel.set(level, (m = new Map<string, string>()));
    m.set(key, value);
  };
  for (const { key, value } of base) for (const level of levels) put(level, key, value);
  for (const a of user) for (const level of a.levels ?? levels) put(level, a.key, a.value);
  const lines: string[] = [];
  for (const level of ANNOTATION_LEVELS) {
    const m = byLevel.get(level);
    if (!m) continue;
    for (const key of [...m.keys()].sort()) lines.push(`${level}:${key}=${m.get(key)}`);
  }
  return lines;
}
