import { describe, expect, it } from '@jest/globals';
import { parseAnnotation } from '../../src/build/annotations.js';
import {
  hostPlatform,
  normalizePlatform,
  platformString,
  platformsWithoutEmulator,
} from '../../src/build/platforms.js';
import { UsageError } from '../../src/errors.js';

describe('normalizePlatform', () => {
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/v6', 'linux/arm/v6'],
    [' Linux/ARM64 ', 'linux/arm64'],
    ['windows/amd64', 'windows/amd64'],
  ])('%s → %s', (platform, expected) => {
    expect(normalizePlatform(platform)).toBe(expected);
  });

  it('reads OCI platform objects', () => {
    expect(platformString({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe(
      'linux/arm64',
    );
    expect(platformString({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe(
      'linux/arm/v7',
    );
  });
});

describe('hostPlatform', () => {
  it.each([
    ['linux', 'x64', 'linux/amd64'],
    ['linux', 'arm64', 'linux/arm64'],
    ['linux', 'ppc64', 'linux/ppc64le'],
    ['linux', 'ia32', 'linux/386'],
  ])('%s %s → %s', (os, arch, expected) => {
    expect(hostPlatform(os, arch)).toBe(expected);
  });
});

describe('platformsWithoutEmulator', () => {
  it.each([
    { requested: ['linux/amd64', 'linux/386'], host: 'linux/amd64', registered: [], expected: [] },
    {
      requested: ['linux/amd64', 'linux/arm64'],
      host: 'linux/amd64',
      registered: ['register', 'status'],
      expected: ['linux/arm64'],
    },
    {
      requested: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      host: 'linux/amd64',
      registered: ['qemu-aarch64', 'qemu-arm', 'register', 'status'],
      expected: [],
    },
    {
      requested: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      host: 'linux/arm64',
      registered: [],
      expected: ['linux/amd64'],
    },
    {
      requested: ['windows/amd64'],
      host: 'linux/amd64',
      registered: [],
      expected: ['windows/amd64'],
    },
  ])('$requested on $host with $registered', ({ requested, host, registered, expected }) => {
    expect(platformsWithoutEmulator(requested, host, registered)).toEqual(expected);
  });
});

describe('parseAnnotation', () => {
  it.each([
    ['manifest:k=v', { levels: ['manifest'], key: 'k', value: 'v' }],
    ['index,manifest:k=a=b', { levels: ['index', 'manifest'], key: 'k', value: 'a=b' }],
    ['manifest-descriptor:k=', { levels: ['manifest-descriptor'], key: 'k', value: '' }],
    [
      'manifest[linux/amd64]:k=v',
      { levels: ['manifest'], platform: 'linux/amd64', key: 'k', value: 'v' },
    ],
    ['k=v', { levels: ['manifest'], key: 'k', value: 'v' }],
    ['com.example:k=v', { levels: ['manifest'], key: 'com.example:k', value: 'v' }],
    ['url=https://x', { levels: ['manifest'], key: 'url', value: 'https://x' }],
  ])('%s', (line, expected) => {
    expect(parseAnnotation(line)).toEqual(expected);
  });

  it.each(['index:', 'index:=v', 'novalue'])('refuses %j', (line) => {
    expect(() => parseAnnotation(line)).toThrow(UsageError);
  });
});
