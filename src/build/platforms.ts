/**
 * Platform strings as builders compare them. `linux/arm64` and `linux/arm64/v8` name the same
 * platform, and so do `linux/arm` and `linux/arm/v7`; a builder lists one spelling and the user
 * may type the other, so every comparison goes through `normalizePlatform`.
 */

/** The spelling containerd's platform normaliser gives: the default variant is dropped or added. */
export function normalizePlatform(platform: string): string {
  const [os = '', arch = '', variant] = platform.trim().toLowerCase().split('/');
  if (arch === 'arm64' && (variant === undefined || variant === 'v8')) return `${os}/arm64`;
  if (arch === 'amd64' && (variant === undefined || variant === 'v1')) return `${os}/amd64`;
  if (arch === 'arm' && variant === undefined) return `${os}/arm/v7`;
  return variant === undefined ? `${os}/${arch}` : `${os}/${arch}/${variant}`;
}

/** `os/arch[/variant]` of an OCI descriptor's platform object. */
export function platformString(p: {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}): string {
  return normalizePlatform(
    p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`,
  );
}

/** Node's `process.arch` in Go's (and so the OCI platform's) words. */
const NODE_TO_GO_ARCH: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  // Node says ppc64 for the little-endian build, the only one Linux distributions ship.
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips64el: 'mips64le',
};

/** The platform this process runs on, e.g. `linux/amd64`. */
export function hostPlatform(os: string = process.platform, arch: string = process.arch): string {
  return normalizePlatform(`${os}/${NODE_TO_GO_ARCH[arch] ?? arch}`);
}

/**
 * Platforms a CPU runs without emulation besides its own: x86-64 runs 32-bit x86 code, and the
 * arm64 runners GitHub offers run 32-bit arm code.
 */
export function nativePlatforms(host: string): string[] {
  const h = normalizePlatform(host);
  if (h === 'linux/amd64') return [h, 'linux/386'];
  if (h === 'linux/arm64') return [h, 'linux/arm/v7', 'linux/arm/v6'];
  return [h];
}

/** The name `tonistiigi/binfmt --install` takes for the architecture of a Linux platform. */
export function binfmtArch(platform: string): string | undefined {
  const [os, arch] = normalizePlatform(platform).split('/');
  return os === 'linux' && arch ? arch : undefined;
}

/** Go architecture → the name of QEMU's binfmt_misc handler (`/proc/sys/fs/binfmt_misc/qemu-*`). */
const QEMU_NAME: Readonly<Record<string, string>> = {
  amd64: 'x86_64',
  '386': 'i386',
  arm64: 'aarch64',
  arm: 'arm',
  ppc64le: 'ppc64le',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64le: 'mips64el',
  mips64: 'mips64',
  loong64: 'loongarch64',
};

/**
 * The requested Linux platforms that neither run natively on `host` nor have a QEMU handler
 * registered in binfmt_misc (`registered`: the entry names there, e.g. `qemu-aarch64`). RUN steps
 * of those platforms fail with `exec format error`.
 */
export function platformsWithoutEmulator(
  requested: readonly string[],
  host: string,
  registered: readonly string[],
): string[] {
  const native = new Set(nativePlatforms(host));
  const handlers = new Set(registered);
  return requested.filter((p) => {
    const n = normalizePlatform(p);
    if (native.has(n)) return false;
    const arch = binfmtArch(n);
    const qemu = arch === undefined ? undefined : QEMU_NAME[arch];
    return qemu === undefined || !handlers.has(`qemu-${qemu}`);
  });
}
