/**
 * The builder decisions over real `docker buildx inspect` outputs: the default builder of
 * GitHub's ubuntu runners (docker driver, amd64 only), a setup-buildx-action builder after
 * setup-qemu-action, a stopped builder (no Platforms line), Docker Desktop on Apple silicon,
 * and a two-node remote farm with hand-set platforms.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type BuildxSetupPlan,
  parseBuildxInspect,
  planBuildxSetup,
} from '../../src/build/buildx-setup.js';

const fixture = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../fixtures/build/inspect-${name}.txt`, import.meta.url)),
    'utf8',
  );

describe('parseBuildxInspect', () => {
  it.each([
    {
      name: 'runner-default',
      builder: 'default',
      driver: 'docker',
      nodes: [
        {
          name: 'default',
          status: 'running',
          platforms: [
            'linux/amd64',
            'linux/amd64/v2',
            'linux/amd64/v3',
            'linux/amd64/v4',
            'linux/386',
          ],
        },
      ],
    },
    {
      name: 'stopped',
      builder: 'builder',
      driver: 'docker-container',
      nodes: [{ name: 'builder0', status: 'stopped', platforms: [] }],
    },
    {
      name: 'two-nodes',
      builder: 'farm',
      driver: 'remote',
      nodes: [
        {
          name: 'farm0',
          status: 'running',
          platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/386'],
        },
        {
          name: 'farm1',
          status: 'running',
          platforms: ['linux/arm64', 'linux/arm/v7', 'linux/arm/v6'],
        },
      ],
    },
  ])('$name', ({ name, builder, driver, nodes }) => {
    expect(parseBuildxInspect(fixture(name))).toEqual({ name: builder, driver, nodes });
  });

  it('ignores the indented Name of a device, which is no node', () => {
    const info = parseBuildxInspect(fixture('desktop-arm64'));
    expect(info.nodes.map((n) => n.name)).toEqual(['desktop-linux']);
    expect(info.nodes[0]?.platforms[0]).toBe('linux/arm64');
  });

  it('reads the setup-buildx-action builder with its emulated platforms', () => {
    const info = parseBuildxInspect(fixture('setup-buildx-qemu'));
    expect(info.driver).toBe('docker-container');
    expect(info.nodes).toHaveLength(1);
    expect(info.nodes[0]?.platforms).toContain('linux/arm64');
    expect(info.nodes[0]?.platforms).toContain('linux/arm/v7');
  });

  it('reads the older `Buildkit:` layout and CRLF line ends', () => {
    const text = [
      'Name:   default',
      'Driver: docker',
      '',
      'Nodes:',
      'Name:      default',
      'Endpoint:  default',
      'Status:    running',
      'Buildkit:  v0.11.6+0a15675913b7',
      'Platforms: linux/amd64, linux/386',
    ].join('\r\n');
    expect(parseBuildxInspect(text)).toEqual({
      name: 'default',
      driver: 'docker',
      nodes: [{ name: 'default', status: 'running', platforms: ['linux/amd64', 'linux/386'] }],
    });
  });
});

describe('planBuildxSetup', () => {
  const cases: {
    name: string;
    fixture: string;
    platforms: string[];
    host?: string;
    expected: BuildxSetupPlan;
  }[] = [
    {
      name: 'runner default builder, amd64 only: new builder, no QEMU',
      fixture: 'runner-default',
      platforms: ['linux/amd64'],
      expected: { createBuilder: true, qemu: [], unsupported: [] },
    },
    {
      name: 'runner default builder, amd64+arm64: new builder and QEMU for arm64',
      fixture: 'runner-default',
      platforms: ['linux/amd64', 'linux/arm64'],
      expected: { createBuilder: true, qemu: ['arm64'], unsupported: [] },
    },
    {
      name: 'runner default builder, 386 is listed',
      fixture: 'runner-default',
      platforms: ['linux/386', 'linux/amd64/v3'],
      expected: { createBuilder: true, qemu: [], unsupported: [] },
    },
    {
      name: 'runner default builder, several foreign platforms: each arch once',
      fixture: 'runner-default',
      platforms: ['linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/riscv64', 'linux/s390x'],
      expected: {
        createBuilder: true,
        qemu: ['arm64', 'arm', 'riscv64', 's390x'],
        unsupported: [],
      },
    },
    {
      name: 'setup-buildx-action after setup-qemu-action: nothing to do',
      fixture: 'setup-buildx-qemu',
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/ppc64le'],
      expected: { createBuilder: false, qemu: [], unsupported: [] },
    },
    {
      name: 'arm64/v8 is the listed arm64',
      fixture: 'setup-buildx-qemu',
      platforms: ['linux/arm64/v8', 'linux/arm'],
      expected: { createBuilder: false, qemu: [], unsupported: [] },
    },
    {
      name: 'stopped builder lists nothing: the host platform counts',
      fixture: 'stopped',
      platforms: ['linux/amd64', 'linux/arm64'],
      host: 'linux/amd64',
      expected: { createBuilder: false, qemu: ['arm64'], unsupported: [] },
    },
    {
      name: 'stopped builder on an arm64 host',
      fixture: 'stopped',
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      host: 'linux/arm64',
      expected: { createBuilder: false, qemu: ['amd64'], unsupported: [] },
    },
    {
      name: 'Docker Desktop lists its emulators: new builder only',
      fixture: 'desktop-arm64',
      platforms: ['linux/amd64', 'linux/arm64'],
      host: 'linux/arm64',
      expected: { createBuilder: true, qemu: [], unsupported: [] },
    },
    {
      name: 'two native nodes cover amd64 and arm64 (the * marks are dropped)',
      fixture: 'two-nodes',
      platforms: ['linux/amd64', 'linux/arm64'],
      expected: { createBuilder: false, qemu: [], unsupported: [] },
    },
    {
      name: 'two native nodes, riscv64 needs QEMU',
      fixture: 'two-nodes',
      platforms: ['linux/amd64', 'linux/riscv64'],
      expected: { createBuilder: false, qemu: ['riscv64'], unsupported: [] },
    },
    {
      name: 'a Windows platform cannot be emulated',
      fixture: 'runner-default',
      platforms: ['linux/amd64', 'windows/amd64'],
      expected: { createBuilder: true, qemu: [], unsupported: ['windows/amd64'] },
    },
  ];

  it.each(cases)('$name', ({ fixture: name, platforms, host, expected }) => {
    expect(
      planBuildxSetup(parseBuildxInspect(fixture(name)), platforms, host ?? 'linux/amd64'),
    ).toEqual(expected);
  });
});
