import { assertArtifactPath, assertArtifactPrefix, assertArtifactRunId } from './artifact-path';
import { ArtifactsErrorCodes, InvalidArtifactPathError } from './artifacts.errors';

function refusal(check: () => unknown): InvalidArtifactPathError {
  try {
    check();
  } catch (err) {
    if (err instanceof InvalidArtifactPathError) return err;
    throw err;
  }
  throw new Error('expected the path to be refused');
}

describe('artifact path - rules', () => {
  it.each([
    'model.pkl',
    'model/MLmodel',
    'a/b/c/d.txt',
    'my model/données é.csv',
    '..hidden',
    'a/.b',
    'x'.repeat(1024),
  ])('accepts %s', (path) => {
    expect(assertArtifactPath(path)).toBe(path);
  });

  it.each([
    ['', '', /empty/],
    ['/etc/passwd', '/', /relative/],
    ['a\\b', '\\', /backslash at index 1/],
    ['a//b', '', /segment 2 is empty/],
    ['a/b/', '', /ends with '\/'/],
    ['a/../b', '..', /segment 2 is '\.\.'/],
    ['../up', '..', /segment 1 is '\.\.'/],
    ['./a', '.', /segment 1 is '\.'/],
    ['a/\u0000b', '\u0000', /U\+0000 at index 2/],
    ['a\uD800', '\uD800', /U\+D800/],
  ])('refuses %j naming %j', (path, part, reason) => {
    const err = refusal(() => assertArtifactPath(path));
    expect(err.code).toBe(ArtifactsErrorCodes.INVALID_PATH);
    expect(err.details).toMatchObject({ part });
    expect(err.message).toMatch(reason);
    expect(err.permanent).toBe(true);
  });

  it('refuses a path over 1024 characters, saying how long it is', () => {
    expect(refusal(() => assertArtifactPath('x'.repeat(1025))).message).toMatch(
      /1025 characters long, more than 1024/,
    );
  });
});

describe('artifact path - prefixes and run ids', () => {
  it.each(['', 'model/', 'model/ML', 'm'])('accepts the prefix %j', (prefix) => {
    expect(assertArtifactPrefix(prefix)).toBe(prefix);
  });

  it.each([
    ['/abs', '/'],
    ['a//', ''],
    ['../', '..'],
    ['a\\', '\\'],
  ])('refuses the prefix %j naming %j', (prefix, part) => {
    const err = refusal(() => assertArtifactPrefix(prefix));
    expect(err.details).toMatchObject({ path: prefix, part });
  });

  it('accepts safe run ids and refuses others with ARTIFACTS.INVALID_RUN_ID', () => {
    expect(assertArtifactRunId('0a1b2c3d_e-f')).toBe('0a1b2c3d_e-f');
    for (const bad of ['', 'a.b', 'a/b', 'a b', 'x'.repeat(65)])
      expect(() => assertArtifactRunId(bad)).toThrow(
        expect.objectContaining({ code: ArtifactsErrorCodes.INVALID_RUN_ID }),
      );
  });
});
