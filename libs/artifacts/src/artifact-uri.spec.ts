import { formatArtifactUri, isArtifactUri, parseArtifactUri } from './artifact-uri';
import { ArtifactsErrorCodes, InvalidArtifactUriError } from './artifacts.errors';

function refusal(uri: string): InvalidArtifactUriError {
  try {
    parseArtifactUri(uri);
  } catch (err) {
    if (err instanceof InvalidArtifactUriError) return err;
    throw err;
  }
  throw new Error(`expected ${uri} to be refused`);
}

describe('artifact uri - format and parse', () => {
  it('round-trips plain paths unchanged', () => {
    const uri = formatArtifactUri('abc123', 'model/MLmodel');
    expect(uri).toBe('runs:/abc123/model/MLmodel');
    expect(parseArtifactUri(uri)).toEqual({ runId: 'abc123', path: 'model/MLmodel' });
  });

  it('percent-encodes what a URI cannot carry, and decodes it back', () => {
    const path = 'plots/roc curve #1?.png';
    const uri = formatArtifactUri('r1', path);
    expect(uri).toBe('runs:/r1/plots/roc%20curve%20%231%3F.png');
    expect(uri).not.toMatch(/\s/);
    expect(parseArtifactUri(uri)).toEqual({ runId: 'r1', path });
  });

  it('accepts raw characters MLflow users write', () => {
    expect(parseArtifactUri('runs:/r1/my model/é.txt')).toEqual({ runId: 'r1', path: 'my model/é.txt' });
  });

  it('refuses to format an invalid path or run id', () => {
    expect(() => formatArtifactUri('r1', '../x')).toThrow(
      expect.objectContaining({ code: ArtifactsErrorCodes.INVALID_PATH }),
    );
    expect(() => formatArtifactUri('r.1', 'x')).toThrow(
      expect.objectContaining({ code: ArtifactsErrorCodes.INVALID_RUN_ID }),
    );
  });

  it('recognises the scheme', () => {
    expect(isArtifactUri('runs:/a/b')).toBe(true);
    expect(isArtifactUri('s3://bucket/key')).toBe(false);
  });
});

describe('artifact uri - refusals name the bad part', () => {
  it.each([
    ['', '', /empty/],
    ['s3://bucket/model', 's3:', /scheme 's3:' is not 'runs:'/],
    ['runs:abc/model', 'runs:', /must start with 'runs:\/<runId>\/'/],
    ['runs://abc/model', 'runId', /run id is empty.*runs:\/\//],
    ['runs:/a.b/model', 'a.b', /run id 'a\.b'/],
    ['runs:/abc', 'path', /no artifact path/],
    ['runs:/abc/', 'path', /no artifact path/],
    ['runs:/abc/a/../b', '..', /segment 2 is '\.\.'/],
    ['runs:/abc/a/%2E%2E/b', '..', /segment 2 is '\.\.'/],
    ['runs:/abc/a//b', '', /segment 2 is empty/],
    ['runs:/abc/model/', '', /ends with '\/'/],
    ['runs:/abc/a\\b', '\\', /backslash/],
    ['runs:/abc/a?x=1', '?', /percent-encoded/],
    ['runs:/abc/a#frag', '#', /percent-encoded/],
    ['runs:/abc/100%.txt', '%.t', /not a valid percent-escape/],
  ])('refuses %j naming %j', (uri, part, reason) => {
    const err = refusal(uri);
    expect(err.code).toBe(ArtifactsErrorCodes.INVALID_URI);
    expect(err.details).toMatchObject({ part });
    expect(err.message).toMatch(reason);
  });

  it('refuses a path that decodes to more than 1024 characters', () => {
    expect(refusal(`runs:/abc/${'x'.repeat(1025)}`).message).toMatch(/more than 1024/);
  });
});
