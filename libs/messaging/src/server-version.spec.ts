import { compareVersions, serverVersionOf, versionAtLeast } from './server-version';

describe('server version - comparison', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('2.9.10', '2.10.0')).toBe(-1);
    expect(compareVersions('2.10.0', '2.9.10')).toBe(1);
    expect(compareVersions('v2.10.0', '2.10.0')).toBe(0);
  });

  it('ignores pre-release and build suffixes', () => {
    expect(versionAtLeast('2.11.0-RC.1', '2.11.0')).toBe(true);
  });

  it('enables nothing for an unknown server', () => {
    expect(versionAtLeast(undefined, '2.10.0')).toBe(false);
    expect(serverVersionOf({ info: undefined })).toBe('0.0.0');
  });
});
