import { UsageError } from '../errors.js';
import { ANNOTATION_LEVELS, type AnnotationLevel } from '../plan/labels.js';

export interface ParsedAnnotation {
  readonly levels: readonly AnnotationLevel[];
  /** `manifest[linux/amd64]:…` restricts the annotation to one platform (buildx syntax). */
  readonly platform?: string;
  readonly key: string;
  readonly value: string;
}

const PREFIX = /^([a-z-]+(?:,[a-z-]+)*)(?:\[([^\]]*)\])?:/;

/**
 * Reads an annotation line in buildx's syntax, `[level[,level…][\[platform\]]:]key=value`. A
 * prefix whose words are not all levels is part of the key, as buildx reads it.
 */
export function parseAnnotation(line: string): ParsedAnnotation {
  let rest = line;
  let levels: readonly AnnotationLevel[] = ['manifest'];
  let platform: string | undefined;
  const m = PREFIX.exec(line);
  const words = m?.[1]?.split(',') ?? [];
  if (m && words.every((w) => (ANNOTATION_LEVELS as readonly string[]).includes(w))) {
    levels = words as AnnotationLevel[];
    platform = m[2];
    rest = line.slice(m[0].length);
  }
  const eq = rest.indexOf('=');
  if (eq <= 0) {
    throw new UsageError(
      'annotations',
      `'${line}' is not of the form [level:]key=value (levels: ${ANNOTATION_LEVELS.join(', ')})`,
    );
  }
  return {
    levels,
    ...(platform !== undefined && platform !== '' && { platform }),
    key: rest.slice(0, eq),
    value: rest.slice(eq + 1),
  };
}

/** Annotations grouped by level; a later line wins over an earlier one with the same key. */
export type AnnotationsByLevel = Readonly<
  Record<AnnotationLevel, Readonly<Record<string, string>>>
>;

export function annotationsByLevel(annotations: readonly ParsedAnnotation[]): AnnotationsByLevel {
  const out: Record<AnnotationLevel, Record<string, string>> = {
    manifest: {},
    index: {},
    'manifest-descriptor': {},
    'index-descriptor': {},
  };
  for (const a of annotations) for (const level of a.levels) out[level][a.key] = a.value;
  return out;
}
