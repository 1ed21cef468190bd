/**
 * Image names and tags, checked against the distribution reference grammar
 * (github.com/distribution/reference, grammar in reference.go). Kept pure so that the planner,
 * the settings reader and the registry client all agree on what a valid name is.
 */

export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
export const TAG_GRAMMAR = '[A-Za-z0-9_][A-Za-z0-9._-]{0,127}';

const DOMAIN_COMPONENT = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?$`,
);
/** One path component of a repository name, as a regular expression source. */
export const PATH_COMPONENT_SOURCE = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH_COMPONENT = new RegExp(`^${PATH_COMPONENT_SOURCE}$`);
const NAME_MAX = 255;

export function isValidTag(tag: string): boolean {
  return TAG_PATTERN.test(tag);
}

/**
 * Turns any string into a usable tag: characters a tag cannot hold become `-`, a leading `.` or
 * `-` is dropped, and the result is cut to 128 characters. Returns '' when nothing usable is left.
 */
export function sanitizeTag(raw: string): string {
  const replaced = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return replaced.slice(0, 128);
}

/**
 * Splits off a registry domain the way Docker does: the first component is a domain when it has
 * a `.` or `:`, is `localhost`, or has an uppercase letter (a path component never may).
 */
export function splitDomain(name: string): [string | undefined, string] {
  const slash = name.indexOf('/');
  if (slash === -1) return [undefined, name];
  const first = name.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first)) {
    return [first, name.slice(slash + 1)];
  }
  return [undefined, name];
}

/** Returns why `name` is not a valid image name (without tag or digest), or undefined if it is. */
export function imageNameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (/\s/.test(name)) return 'it contains white space';
  if (name.includes('@')) return 'it contains a digest (`@…`); give the name only';
  if (name.length > NAME_MAX) return `it is longer than ${NAME_MAX} characters`;
  const [domain, path] = splitDomain(name);
  if (domain !== undefined && !DOMAIN.test(domain))
    return `'${domain}' is not a valid registry host`;
  const lastSlash = path.lastIndexOf('/');
  if (path.slice(lastSlash + 1).includes(':')) {
    return 'it contains a tag (`:…`); give the name only and set tags with the tag inputs';
  }
  for (const component of path.split('/')) {
    if (component === '') return 'it has an empty path component (`//` or a trailing `/`)';
    if (/[A-Z]/.test(component))
      return `the path '${path}' has uppercase letters; use '${path.toLowerCase()}'`;
    if (!PATH_COMPONENT.test(component)) {
      return `the path component '${component}' must be lowercase letters and digits separated by '.', '_', '__' or '-'`;
    }
  }
  return undefined;
}
