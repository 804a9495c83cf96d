"""What an MLflow 2.x client does for artifacts, with the standard library only (no mlflow here).

The URI resolution is MLflow's own (`MlflowArtifactsRepository.resolve_uri`,
mlflow/store/artifact/mlflow_artifacts_repo.py, with urllib.parse as MLflow uses it), and the HTTP
calls are those of `HttpArtifactRepository` (mlflow/store/artifact/http_artifact_repo.py) and
`ArtifactRepository.download_artifacts` (artifact_repo.py). Run by mlflow-artifacts.e2e-spec.ts
with MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN set; exits 1 on the first difference.
"""

import json
import os
import posixpath
import re
import sys
import tempfile
import urllib.parse
import urllib.request

TRACKING_URI = os.environ["MLFLOW_TRACKING_URI"]
TOKEN = os.environ["MLFLOW_TRACKING_TOKEN"]


def http(method, url, data=None, headers=None, params=None):
    """`mlflow.utils.rest_utils.http_request`: bearer token, query params, body as given."""
    # requests.utils.requote_uri: characters a URL cannot hold are percent-encoded.
    url = urllib.parse.quote(url, safe="!#$%&'()*+,/:;=?@[]~")
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", f"Bearer {TOKEN}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req) as resp:
        return resp.read()


def call(method, endpoint, body=None):
    """`RestStore._call_endpoint`: JSON body, or the same fields as query params for GET."""
    url = f"{TRACKING_URI}/api/2.0/mlflow/{endpoint}"
    if method == "GET":
        return json.loads(http("GET", url, params=body) or b"{}")
    data = json.dumps(body).encode()
    return json.loads(http(method, url, data, {"Content-Type": "application/json"}) or b"{}")


def resolve_uri(artifact_uri, tracking_uri):
    """MlflowArtifactsRepository.resolve_uri (MLflow 2.x)."""
    base_url = "/api/2.0/mlflow-artifacts/artifacts"
    track_parse = urllib.parse.urlparse(tracking_uri)
    uri_parse = urllib.parse.urlparse(artifact_uri)
    if uri_parse.path == "/":
        resolved = f"{base_url}{uri_parse.path}"
    elif uri_parse.path == base_url:
        resolved = base_url
    else:
        resolved = f"{track_parse.path}/{base_url}/{uri_parse.path}"
    resolved = re.sub("//+", "/", resolved)
    parts = (track_parse.scheme, uri_parse.netloc or track_parse.netloc, resolved, "", "", "")
    return urllib.parse.urlunparse(parts).replace("///", "/").rstrip("/")


def guess_mime_type(name):
    """mlflow.utils.mime_type_utils._guess_mime_type, for the files logged here."""
    ext = os.path.splitext(name)[-1].replace(".", "") or name
    if ext in ("txt", "yaml", "yml", "json", "MLmodel"):
        return "text/plain"
    return "application/octet-stream"


class Repo:
    """HttpArtifactRepository over the resolved `mlflow-artifacts:` URI."""

    def __init__(self, artifact_uri):
        self.artifact_uri = resolve_uri(artifact_uri, TRACKING_URI)

    def log_artifact(self, local_file, artifact_path=None):
        name = os.path.basename(local_file)
        paths = (artifact_path, name) if artifact_path else (name,)
        with open(local_file, "rb") as f:
            data = f.read()
        http("PUT", self.artifact_uri + posixpath.join("/", *paths), data, {"Content-Type": guess_mime_type(name)})

    def log_artifacts(self, local_dir, artifact_path=None):
        for root, _, files in os.walk(local_dir):
            rel = os.path.relpath(root, local_dir)
            artifact_dir = artifact_path if rel == "." else posixpath.join(artifact_path, rel) if artifact_path else rel
            for f in files:
                self.log_artifact(os.path.join(root, f), artifact_dir)

    def list_artifacts(self, path=None):
        endpoint = "/mlflow-artifacts/artifacts"
        url, tail = self.artifact_uri.split(endpoint, maxsplit=1)
        root = tail.lstrip("/")
        params = {"path": posixpath.join(root, path) if path else root}
        body = json.loads(http("GET", url + endpoint, params=params))
        infos = [(posixpath.join(path, f["path"]) if path else f["path"], f["is_dir"], f.get("file_size")) for f in body.get("files", [])]
        return sorted(infos)

    def download_artifacts(self, artifact_path, dst):
        """ArtifactRepository.download_artifacts for a folder: list (twice), recurse, GET each file."""
        assert self.list_artifacts(artifact_path), "not a folder"
        for path, is_dir, size in self._iter(artifact_path):
            local = os.path.join(dst, path)
            os.makedirs(os.path.dirname(local), exist_ok=True)
            data = http("GET", self.artifact_uri + posixpath.join("/", path))
            assert len(data) == size, f"{path}: {len(data)} bytes, listed {size}"
            with open(local, "wb") as f:
                f.write(data)
        return dst

    def _iter(self, path):
        for info in self.list_artifacts(path):
            if info[1]:
                yield from self._iter(info[0])
            else:
                yield info


def main():
    exp = call("POST", "experiments/create", {"name": "python-replay"})["experiment_id"]
    run = call("POST", "runs/create", {"experiment_id": exp, "start_time": 1700000000000})["run"]["info"]
    run_id = run["run_id"]
    uri = call("GET", "runs/get", {"run_uuid": run_id, "run_id": run_id})["run"]["info"]["artifact_uri"]
    assert uri == f"mlflow-artifacts:/{exp}/{run_id}/artifacts", uri

    with tempfile.TemporaryDirectory() as tmp:
        model_dir = os.path.join(tmp, "model")
        os.makedirs(os.path.join(model_dir, "data"))
        files = {
            "MLmodel": b"artifact_path: model\nflavors:\n  python_function: {}\n",
            "model.pkl": os.urandom(300 * 1024),
            "requirements.txt": b"scikit-learn==1.3.0\n",
            "data/weights bin": os.urandom(1000),
        }
        for name, data in files.items():
            with open(os.path.join(model_dir, name), "wb") as f:
                f.write(data)
        # mlflow.log_artifact('model.pkl') then the model folder, as Model.log does.
        Repo(uri).log_artifact(os.path.join(model_dir, "model.pkl"))
        Repo(uri).log_artifacts(model_dir, "model")

        call("POST", "registered-models/create", {"name": "py-churn"})
        call("POST", "model-versions/create", {"name": "py-churn", "source": f"{uri}/model", "run_id": run_id})
        # mlflow.pyfunc.load_model('models:/py-churn/1').
        download = call("GET", "model-versions/get-download-uri", {"name": "py-churn", "version": "1"})["artifact_uri"]
        out = Repo(download).download_artifacts("", os.path.join(tmp, "out"))
        for name, data in files.items():
            with open(os.path.join(out, name), "rb") as f:
                assert f.read() == data, f"{name} differs"
        assert Repo(uri).list_artifacts() == [("model", True, None), ("model.pkl", False, 300 * 1024)]
    print("OK mlflow artifacts replay")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - any failure is the test's failure
        print(f"FAILED: {e!r}", file=sys.stderr)
        sys.exit(1)
