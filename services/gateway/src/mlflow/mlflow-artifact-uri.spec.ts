import { SlipwayError } from '@slipway/contracts';
import { mlflowArtifactUriOf, parseProxyPath, proxyUriOf } from './mlflow-artifact-uri';
import { fileInfoJsonOf } from './mlflow-views';

const RUN = '0123456789abcdef0123456789abcdef';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return err instanceof SlipwayError ? err.code : String(err);
  }
  return 'no error';
};

describe('mlflow artifact URIs', () => {
  test("a Slipway location becomes an mlflow-artifacts: URI; other schemes stay as MLflow's server keeps them", () => {
    expect(mlflowArtifactUriOf(`nats-obj://slipway-artifacts/7/${RUN}/artifacts`)).toBe(
      `mlflow-artifacts:/7/${RUN}/artifacts`,
    );
    expect(mlflowArtifactUriOf('nats-obj://slipway-artifacts/7')).toBe('mlflow-artifacts:/7');
    expect(mlflowArtifactUriOf('nats-obj://other-bucket')).toBe('mlflow-artifacts:/');
    expect(mlflowArtifactUriOf('s3://bucket/x/7')).toBe('s3://bucket/x/7');
    expect(mlflowArtifactUriOf('mlflow-artifacts:/team/7')).toBe('mlflow-artifacts:/team/7');
  });

  test('a proxy path names the run, its root URI and the path in the run', () => {
    expect(parseProxyPath(`7/${RUN}/artifacts/model/MLmodel`)).toEqual({
      rootUri: `mlflow-artifacts:/7/${RUN}/artifacts`,
      runId: RUN,
      path: 'model/MLmodel',
    });
    expect(parseProxyPath(`7/${RUN}/artifacts`)).toMatchObject({ runId: RUN, path: '' });
    expect(parseProxyPath(`7/${RUN}/artifacts/model/`)).toMatchObject({ path: 'model' });
    // The first `<run>/artifacts` is the root; a folder of the same name inside the run is a path.
    expect(parseProxyPath(`team/7/${RUN}/artifacts/artifacts/x`)).toEqual({
      rootUri: `mlflow-artifacts:/team/7/${RUN}/artifacts`,
      runId: RUN,
      path: 'artifacts/x',
    });
  });

  test('unsafe or run-less paths are refused with 400 codes', () => {
    expect(codeOf(() => parseProxyPath(`7/${RUN}/artifacts/../other/artifacts/x`))).toBe(
      'ARTIFACTS.INVALID_PATH',
    );
    expect(codeOf(() => parseProxyPath(`7/${RUN}/artifacts/./x`))).toBe('ARTIFACTS.INVALID_PATH');
    expect(codeOf(() => parseProxyPath(`/7/${RUN}/artifacts/x`))).toBe('ARTIFACTS.INVALID_PATH');
    expect(codeOf(() => parseProxyPath(`7/${RUN}/artifacts/a\\b`))).toBe('ARTIFACTS.INVALID_PATH');
    expect(codeOf(() => parseProxyPath(`7/${RUN}`))).toBe('COMMON.VALIDATION_FAILED');
    expect(codeOf(() => parseProxyPath(''))).toBe('COMMON.VALIDATION_FAILED');
    expect(codeOf(() => parseProxyPath('artifacts/x'))).toBe('COMMON.VALIDATION_FAILED');
  });

  test("a runs:/ path joins the run's root URI", () => {
    const root = `mlflow-artifacts:/7/${RUN}/artifacts`;
    expect(proxyUriOf(root, 'model')).toBe(`${root}/model`);
    expect(proxyUriOf(root, '')).toBe(root);
  });

  test("listed entries are MLflow's FileInfo: a folder has no size", () => {
    const file = { path: 'model/MLmodel', isDir: false, size: 12, sha256: 'a'.repeat(64), modified: 1 };
    expect(fileInfoJsonOf(file)).toEqual({ path: 'model/MLmodel', is_dir: false, file_size: 12 });
    expect(fileInfoJsonOf({ path: 'model/data', isDir: true }, (p) => p.split('/').pop() as string)).toEqual({
      path: 'data',
      is_dir: true,
    });
  });
});
