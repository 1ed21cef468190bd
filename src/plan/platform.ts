/**
 * Platforms as buildx and buildah take them: `os/arch[/variant]`. The lists are those Go (and
 * so the OCI image index) knows; anything else is a typo that would otherwise fail minutes later
 * inside the build.
 */
const OS = new Set([
  'linux',
  'windows',
  'darwin',
  'freebsd',
  'netbsd',
  'openbsd',
  'solaris',
  'illumos',
  'aix',
  'wasip1',
  'js',
]);
const ARCH = new Set([
  '386',
  'amd64',
  'arm',
  'arm64',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'ppc64',
  'ppc64le',
  'riscv64',
  's390x',
  'wasm',
]);
const VARIANT = /^(v[0-9]+(\.[0-9]+)?)$/;

export const PLATFORM_FORM = 'os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7';

export function platformProblem(platform: string): string | undefined {
  const parts = platform.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.includes(''))
    return `'${platform}' is not of the form ${PLATFORM_FORM}`;
  const [os, arch, variant] = parts as [string, string, string | undefined];
  if (!OS.has(os))
    return `'${platform}': unknown operating system '${os}' (known: ${[...OS].join(', ')})`;
  if (!ARCH.has(arch))
    return `'${platform}': unknown architecture '${arch}' (known: ${[...ARCH].join(', ')})`;
  if (variant !== undefined && !VARIANT.test(variant)) {
    return `'${platform}': the variant '${variant}' is not of the form v<number> (v7, v8, v2)`;
  }
  return undefined;
}
