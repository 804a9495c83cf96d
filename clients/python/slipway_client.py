"""Slipway Python client: log runs, params, metrics and artifacts, search and compare runs.

One module, standard library only (Python 3.9+). Copy this file next to your code::

    from slipway_client import Slipway

    slipway = Slipway()  # SLIPWAY_URL and SLIPWAY_TOKEN from the environment
    with slipway.start_run(experiment="churn", run_name="xgb") as run:
        run.log_params({"max_depth": 6})
        for step in range(100):
            run.log_metric("loss", 1.0 / (step + 1), step=step)

The run ends FINISHED when the block completes, FAILED when it raises (KILLED on Ctrl-C).
Every error of the API is a :class:`SlipwayError` carrying the server's stable ``code``.
"""

from __future__ import annotations

import atexit
import email.utils
import hashlib
import http.client
import json
import math
import numbers
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import warnings
from typing import (
    Any,
    BinaryIO,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
    Union,
)

__all__ = [
    "Slipway",
    "Run",
    "SlipwayError",
    "RetryPolicy",
    "encode_metric_value",
    "decode_metric_value",
]
__version__ = "0.1.0"

#: Most metric points, params and tags the API takes in one batch call.
MAX_METRICS_PER_BATCH = 1000
MAX_PARAMS_PER_BATCH = 100
MAX_TAGS_PER_BATCH = 100

#: HTTP statuses that mean "try again later".
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})

#: Codes of errors the client raises itself (the server's own codes look like ``TRACKING.RUN_NOT_FOUND``).
NETWORK_ERROR = "SDK.NETWORK_ERROR"
HTTP_ERROR = "SDK.HTTP_ERROR"
INVALID_RESPONSE = "SDK.INVALID_RESPONSE"
INVALID_ARGUMENT = "SDK.INVALID_ARGUMENT"
CHECKSUM_MISMATCH = "SDK.CHECKSUM_MISMATCH"
NOT_CONFIGURED = "SDK.NOT_CONFIGURED"

_UPLOAD_CHUNK_BYTES = 1024 * 1024
_KEY_CHARACTERS = re.compile(r"^[A-Za-z0-9_\-. /]+$")
_KEY_MAX_LENGTH = 250
_TERMINAL_STATUSES = ("FINISHED", "FAILED", "KILLED")
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}

JsonDict = Dict[str, Any]


class SlipwayError(Exception):
    """An error of the Slipway API or of the client.

    :ivar code: stable dotted code: the server's (``TRACKING.PARAM_CONFLICT``,
        ``GATEWAY.UNAUTHENTICATED``) or the client's (``SDK.NETWORK_ERROR``, ``SDK.HTTP_ERROR``,
        ``SDK.INVALID_ARGUMENT``, ``SDK.INVALID_RESPONSE``, ``SDK.CHECKSUM_MISMATCH``).
    :ivar message: what went wrong, for people.
    :ivar status: the HTTP status, or ``None`` when no HTTP answer came.
    :ivar details: what the server added (the failing field, the conflicting value), or ``None``.
    """

    def __init__(self, code: str, message: str, status: Optional[int] = None, details: Any = None) -> None:
        super().__init__(code, message, status, details)
        self.code = code
        self.message = message
        self.status = status
        self.details = details

    def __str__(self) -> str:
        where = f" (HTTP {self.status})" if self.status is not None else ""
        return f"{self.code}: {self.message}{where}"

    @property
    def retryable(self) -> bool:
        """Whether trying again later may succeed (rate limited, unavailable, no answer)."""
        return (self.status is None and self.code == NETWORK_ERROR) or self.status in RETRYABLE_STATUSES


# --------------------------------------------------------------------------------------------
# Metric values
# --------------------------------------------------------------------------------------------


def encode_metric_value(value: Any) -> Union[float, int, str]:
    """Turn a metric value into its JSON form: a number, or ``'NaN'``, ``'Infinity'``, ``'-Infinity'``.

    JSON has no NaN or infinities, so the API carries them as these strings.
    Raises :class:`SlipwayError` (``SDK.INVALID_ARGUMENT``) for anything that is not a real number.
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, numbers.Real):
        raise SlipwayError(INVALID_ARGUMENT, f"a metric value must be a real number, got {value!r}")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return number


def decode_metric_value(value: Any) -> Any:
    """Turn the JSON form of a metric value back into a float (``'NaN'`` -> ``float('nan')``)."""
    if isinstance(value, str) and value in _NON_FINITE:
        return _NON_FINITE[value]
    return value


def _decode_summary(summary: JsonDict) -> JsonDict:
    for field in ("latest", "min", "max", "value"):
        if field in summary:
            summary[field] = decode_metric_value(summary[field])
    return summary


def _decode_run_view(view: JsonDict) -> JsonDict:
    for summary in view.get("metrics") or []:
        _decode_summary(summary)
    return view


def _decode_comparison(result: JsonDict) -> JsonDict:
    for row in result.get("rows") or []:
        for summary in (row.get("metrics") or {}).values():
            _decode_summary(summary)
    return result


def _now_ms() -> int:
    return int(time.time() * 1000)


def _new_id() -> str:
    return uuid.uuid4().hex


def _key_values(values: Mapping[str, Any], what: str) -> List[JsonDict]:
    if not isinstance(values, Mapping):
        raise SlipwayError(INVALID_ARGUMENT, f"{what} must be a dict of key -> value, got {type(values).__name__}")
    return [{"key": str(key), "value": str(value)} for key, value in values.items()]


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --------------------------------------------------------------------------------------------
# HTTP with retries
# --------------------------------------------------------------------------------------------


class RetryPolicy:
    """How failed requests are retried: exponential back-off with jitter, ``Retry-After`` honoured.

    :param max_retries: retries after the first attempt (default 5).
    :param base_delay: first back-off in seconds; it doubles on each retry (default 0.2).
    :param max_delay: longest back-off, and longest ``Retry-After`` honoured, in seconds (default 30).
    """

    def __init__(self, max_retries: int = 5, base_delay: float = 0.2, max_delay: float = 30.0) -> None:
        self.max_retries = max_retries
        self.base_delay = base_delay
        self.max_delay = max_delay

    def delay(self, retry: int, retry_after: Optional[float] = None) -> float:
        """Seconds to wait before retry number ``retry`` (0 for the first)."""
        if retry_after is not None:
            return min(retry_after, self.max_delay)
        exponential = min(self.max_delay, self.base_delay * (2**retry))
        return exponential / 2 + random.random() * exponential / 2


def _retry_after_seconds(headers: Any) -> Optional[float]:
    """``Retry-After`` in seconds: delta-seconds or an HTTP date; ``None`` when absent or unreadable."""
    value = (headers.get("Retry-After") or "").strip() if headers is not None else ""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


def _error_from_http(status: int, body: bytes, reason: str) -> SlipwayError:
    try:
        parsed = json.loads(body.decode("utf-8")) if body else None
    except (ValueError, UnicodeDecodeError):
        parsed = None
    if isinstance(parsed, dict) and isinstance(parsed.get("code"), str):
        return SlipwayError(parsed["code"], str(parsed.get("message", "")), status, parsed.get("details"))
    text = body[:500].decode("utf-8", "replace").strip()
    return SlipwayError(HTTP_ERROR, f"HTTP {status} {reason}" + (f": {text}" if text else ""), status)


class _Attempt:
    """What one HTTP exchange returned: the response (open, or already read) or the error to raise."""

    def __init__(self, response: Any = None, error: Optional[SlipwayError] = None, retry_after: Optional[float] = None):
        self.response = response
        self.error = error
        self.retry_after = retry_after


class _Transport:
    """Sends requests to the gateway with the token, maps errors, retries what may be retried."""

    def __init__(self, url: str, token: Optional[str], timeout: float, retry: RetryPolicy) -> None:
        self.base_url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retry = retry
        self.opener = urllib.request.build_opener()

    def json(self, method: str, path: str, body: Any = None, idempotent: bool = False) -> Any:
        """Send a JSON request and return the decoded JSON answer."""
        data = None if body is None else _dump_json(body)
        headers = {"Content-Type": "application/json"} if data is not None else {}

        def once() -> _Attempt:
            return self._open(method, path, data, headers, read=True)

        status, raw = self._with_retries(once, idempotent)
        try:
            return json.loads(raw.decode("utf-8")) if raw else None
        except (ValueError, UnicodeDecodeError) as err:
            raise SlipwayError(INVALID_RESPONSE, f"{method} {path} answered with invalid JSON: {err}", status)

    def open_download(self, path: str) -> Any:
        """GET ``path`` and return the open response, to read as a stream."""
        return self._with_retries(lambda: self._open("GET", path, None, {}, read=False), True)

    def _with_retries(self, once: Callable[[], _Attempt], idempotent: bool) -> Any:
        retry = 0
        while True:
            attempt = once()
            error = attempt.error
            if error is None:
                return attempt.response
            if not self._may_retry(error, idempotent):
                raise error
            if retry >= self.retry.max_retries:
                message = f"{error.message} (gave up after {retry} retries)"
                raise SlipwayError(error.code, message, error.status, error.details)
            time.sleep(self.retry.delay(retry, attempt.retry_after))
            retry += 1

    @staticmethod
    def _may_retry(error: SlipwayError, idempotent: bool) -> bool:
        # A 429 is answered before anything is done; others only when a repeat cannot double an effect.
        return error.status == 429 or (idempotent and error.retryable)

    def _open(
        self, method: str, path: str, data: Optional[bytes], headers: Mapping[str, str], read: bool
    ) -> _Attempt:
        """One exchange; with ``read`` the answer is read here, as ``(status, bytes)``, so a
        connection that breaks while the answer arrives is retried like one that never answered."""
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        for name, value in self._headers(headers).items():
            request.add_header(name, value)
        try:
            response = self.opener.open(request, timeout=self.timeout)
            if not read:
                return _Attempt(response=response)
            with response:
                return _Attempt(response=(response.status, response.read()))
        except urllib.error.HTTPError as err:
            body = _read_error_body(err)
            return _Attempt(
                error=_error_from_http(err.code, body, str(err.reason)), retry_after=_retry_after_seconds(err.headers)
            )
        except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
            return _Attempt(error=self._no_answer(method, path, err))

    def upload(self, path: str, local_path: str, content_type: str) -> Tuple[Any, str]:
        """PUT a file streamed from disk with its Content-Length; returns (JSON answer, sha256 of the bytes sent).

        This uses ``http.client`` rather than urllib: urllib asks for ``Connection: close``, so a
        server that refuses early (401, 404, 413) closes the socket while the file is still being
        sent and its answer is lost in a broken pipe; on a kept-alive connection it reads the rest
        and the answer arrives.
        """
        status, raw, digest = self._with_retries(lambda: self._upload_once(path, local_path, content_type), True)
        try:
            return json.loads(raw.decode("utf-8")), digest
        except (ValueError, UnicodeDecodeError) as err:
            raise SlipwayError(INVALID_RESPONSE, f"PUT {path} answered with invalid JSON: {err}", status)

    def _upload_once(self, path: str, local_path: str, content_type: str) -> _Attempt:
        split = urllib.parse.urlsplit(self.base_url)
        connection_class = http.client.HTTPSConnection if split.scheme == "https" else http.client.HTTPConnection
        digest = hashlib.sha256()
        send_error: Optional[BaseException] = None
        with open(local_path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            connection = connection_class(split.hostname or "localhost", split.port, timeout=self.timeout)
            try:
                connection.putrequest("PUT", split.path + path, skip_accept_encoding=True)
                headers = {"Content-Type": content_type, "Content-Length": str(size)}
                for name, value in self._headers(headers).items():
                    connection.putheader(name, value)
                connection.endheaders()
                send_error = _send_file(connection, file, size, digest)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as err:
                return _Attempt(error=self._no_answer("PUT", path, send_error or err))
            finally:
                connection.close()
        if response.status >= 400:
            error = _error_from_http(response.status, body, response.reason)
            return _Attempt(error=error, retry_after=_retry_after_seconds(response.headers))
        return _Attempt(response=(response.status, body, digest.hexdigest()))

    def _headers(self, extra: Mapping[str, str]) -> Dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": f"slipway-python/{__version__}", **extra}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _no_answer(self, method: str, path: str, err: BaseException) -> SlipwayError:
        reason = getattr(err, "reason", None) or err
        return SlipwayError(NETWORK_ERROR, f"{method} {self.base_url}{path} got no answer: {reason}")


def _send_file(connection: http.client.HTTPConnection, file: BinaryIO, size: int, digest: Any) -> Optional[OSError]:
    """Send ``size`` bytes of ``file`` in 1 MiB chunks, hashing them. A failed send is returned,
    not raised: the server may have answered before it closed (the answer is read next)."""
    remaining = size
    for chunk in _file_chunks(file, size):
        digest.update(chunk)
        try:
            connection.send(chunk)
        except OSError as err:
            return err
        remaining -= len(chunk)
    if remaining:
        raise OSError(f"{file.name} shrank by {remaining} bytes while it was being sent")
    return None


def _file_chunks(file: BinaryIO, size: int) -> Iterator[bytes]:
    """At most ``size`` bytes of ``file``, read 1 MiB at a time (never the whole file)."""
    remaining = size
    while remaining > 0:
        chunk = file.read(min(_UPLOAD_CHUNK_BYTES, remaining))
        if not chunk:
            return
        remaining -= len(chunk)
        yield chunk


def _read_error_body(err: urllib.error.HTTPError) -> bytes:
    try:
        with err:
            return err.read()
    except (OSError, http.client.HTTPException):
        return b""


def _dump_json(body: Any) -> bytes:
    try:
        return json.dumps(body, allow_nan=False, separators=(",", ":")).encode("utf-8")
    except ValueError as err:
        raise SlipwayError(INVALID_ARGUMENT, f"a request body cannot hold NaN or Infinity as a number: {err}")


def _quote_path(path: str) -> str:
    return "/".join(urllib.parse.quote(segment, safe="") for segment in path.split("/"))


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


class _MetricBuffer:
    """Points waiting to be sent, cut into batches of at most 1000, each with its idempotency key.

    A batch keeps its ``batchId`` until the server stored it, so a resend never stores it twice.
    """

    def __init__(self, limit: int = MAX_METRICS_PER_BATCH) -> None:
        self.limit = limit
        self.open: List[JsonDict] = []
        self.sealed: List[Tuple[str, List[JsonDict]]] = []

    def add(self, point: JsonDict) -> bool:
        """Buffer one point; True when it filled a batch, which is then ready to send.

        A batch that failed earlier waits for the next full batch or flush, so logging does not
        wait on retries at every point while the server is away.
        """
        self.open.append(point)
        if len(self.open) < self.limit:
            return False
        self.seal()
        return True

    def seal(self) -> None:
        """Close the open points into a batch."""
        if self.open:
            self.sealed.append((_new_id(), self.open))
            self.open = []

    def __len__(self) -> int:
        return len(self.open) + sum(len(points) for _, points in self.sealed)


# Runs not ended, held here so that a run nobody references any more still sends its points at exit.
_live_runs: "Set[Run]" = set()


def _flush_live_runs() -> None:
    """At interpreter exit, send the buffered points of runs not ended (a script that forgot ``end()``)."""
    for run in list(_live_runs):
        try:
            run.flush()
        except SlipwayError as err:
            sys.stderr.write(f"slipway: could not send the last metrics of run {run.run_id} before exit: {err}\n")


atexit.register(_flush_live_runs)


class Run:
    """A run being logged: a handle returned by :meth:`Slipway.start_run`.

    Metrics are buffered and sent in batches of up to 1000 points (when a batch fills, on
    :meth:`flush`, on :meth:`end`, and at interpreter exit); params and tags are sent at once.
    Use it as a context manager to end it FINISHED, or FAILED when the block raises.
    """

    def __init__(self, client: "Slipway", view: JsonDict) -> None:
        self._client = client
        self._view = view
        self._buffer = _MetricBuffer()
        self._lock = threading.RLock()
        self._ended = False
        _live_runs.add(self)

    @property
    def run_id(self) -> str:
        """The run's id."""
        return self._view["info"]["runId"]

    @property
    def experiment_id(self) -> str:
        """The id of the run's experiment."""
        return self._view["info"]["experimentId"]

    @property
    def info(self) -> JsonDict:
        """The run's attributes as the server last returned them (runId, runName, status, …)."""
        return self._view["info"]

    def __repr__(self) -> str:
        return f"<Run {self.run_id} experiment={self.experiment_id} status={self.info.get('status')}>"

    def log_metric(self, key: str, value: float, step: Optional[int] = None, timestamp: Optional[int] = None) -> None:
        """Buffer one metric point; ``step`` defaults to 0 and ``timestamp`` (ms) to now.

        NaN and ±inf are kept (sent as ``'NaN'``, ``'Infinity'``, ``'-Infinity'``).
        """
        point = _metric_point(key, value, step, timestamp)
        with self._lock:
            self._check_active()
            full = self._buffer.add(point)
        if full:
            self._send_sealed()

    def log_metrics(
        self, metrics: Mapping[str, float], step: Optional[int] = None, timestamp: Optional[int] = None
    ) -> None:
        """Buffer several metrics measured at the same step: ``{"loss": 0.3, "acc": 0.9}``."""
        if not isinstance(metrics, Mapping):
            kind = type(metrics).__name__
            raise SlipwayError(INVALID_ARGUMENT, f"metrics must be a dict of key -> number, not {kind}")
        stamp = _now_ms() if timestamp is None else timestamp
        for key, value in metrics.items():
            self.log_metric(key, value, step=step, timestamp=stamp)

    def log_param(self, key: str, value: Any) -> None:
        """Log one param (stored as a string). Params are immutable: see :meth:`log_params`."""
        self.log_params({key: value})

    def log_params(self, params: Mapping[str, Any]) -> None:
        """Log params (values stored as strings), sent at once.

        Params are immutable: logging a key again with another value raises
        :class:`SlipwayError` with code ``TRACKING.PARAM_CONFLICT``; the same value is accepted.
        """
        items = _key_values(params, "params")
        self._check_active()
        for chunk in _chunks(items, MAX_PARAMS_PER_BATCH):
            self._send_batch({"batchId": _new_id(), "params": list(chunk)})

    def set_tag(self, key: str, value: Any) -> None:
        """Set one tag of the run (value stored as a string)."""
        self.set_tags({key: value})

    def set_tags(self, tags: Mapping[str, Any]) -> None:
        """Set tags of the run (values stored as strings; a tag set again is overwritten), sent at once."""
        items = _key_values(tags, "tags")
        self._check_active()
        for chunk in _chunks(items, MAX_TAGS_PER_BATCH):
            self._send_batch({"batchId": _new_id(), "tags": list(chunk)})

    def log_input(
        self,
        name: str,
        digest: str,
        source: str,
        source_type: str = "local",
        schema: Optional[str] = None,
        profile: Optional[str] = None,
        context: Optional[str] = None,
    ) -> None:
        """Record a dataset the run used, like MLflow's ``log_input``, sent at once.

        ``source``, ``schema`` and ``profile`` are JSON texts (``'{"uri": "/data/iris.csv"}'``);
        ``context`` (``"training"``, ``"test"``) becomes the input's ``mlflow.data.context`` tag.
        A dataset is stored once per experiment by name and digest; logging it again changes nothing.
        """
        dataset: JsonDict = {"name": name, "digest": digest, "sourceType": source_type, "source": source}
        if schema is not None:
            dataset["schema"] = schema
        if profile is not None:
            dataset["profile"] = profile
        tags = [] if context is None else [{"key": "mlflow.data.context", "value": context}]
        self._check_active()
        path = f"/api/v1/runs/{_quote_path(self.run_id)}/inputs"
        self._client._transport.json("POST", path, {"datasets": [{"dataset": dataset, "tags": tags}]}, idempotent=True)

    def flush(self) -> None:
        """Send every buffered metric point now."""
        with self._lock:
            self._buffer.seal()
        self._send_sealed()

    def log_artifact(self, local_path: str, artifact_path: Optional[str] = None) -> JsonDict:
        """Upload a file as an artifact of the run, streamed from disk. See :meth:`Slipway.log_artifact`."""
        return self._client.log_artifact(self.run_id, local_path, artifact_path)

    def end(self, status: str = "FINISHED") -> JsonDict:
        """Flush buffered metrics and end the run with ``status`` (FINISHED, FAILED or KILLED).

        Returns the run's attributes. Ending an ended run again does nothing.
        """
        if status not in _TERMINAL_STATUSES:
            allowed = ", ".join(_TERMINAL_STATUSES)
            raise SlipwayError(INVALID_ARGUMENT, f"status must be one of {allowed}, got {status!r}")
        with self._lock:
            if self._ended:
                return self.info
        self.flush()
        return self._finish(status)

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> bool:
        if self._ended:
            return False
        if exc_type is None:
            try:
                self.flush()
            except BaseException:
                self._finish("FAILED")
                raise
            self._finish("FINISHED")
            return False
        status = "KILLED" if issubclass(exc_type, KeyboardInterrupt) else "FAILED"
        # The block's own exception is the one to see: errors from here on are only warned about.
        self._warn_on_error(self.flush, "could not send its last metrics")
        self._warn_on_error(lambda: self._finish(status), f"could not be marked {status}")
        return False

    def _warn_on_error(self, action: Callable[[], Any], what: str) -> None:
        try:
            action()
        except SlipwayError as err:
            warnings.warn(f"run {self.run_id} {what}: {err}", RuntimeWarning, stacklevel=3)

    def _finish(self, status: str) -> JsonDict:
        path = f"/api/v1/runs/{_quote_path(self.run_id)}"
        info = self._client._transport.json("PATCH", path, {"status": status, "endTime": _now_ms()}, idempotent=True)
        with self._lock:
            self._ended = True
            self._view["info"] = info
        _live_runs.discard(self)
        return info

    def _check_active(self) -> None:
        if self._ended:
            raise SlipwayError(INVALID_ARGUMENT, f"run {self.run_id} has ended; start a new run to log more")

    def _send_sealed(self) -> None:
        with self._lock:
            while self._buffer.sealed:
                batch_id, points = self._buffer.sealed[0]
                try:
                    self._send_batch({"batchId": batch_id, "metrics": points})
                except SlipwayError as err:
                    if not err.retryable:
                        self._buffer.sealed.pop(0)  # The server refused it: resending cannot help.
                    raise
                self._buffer.sealed.pop(0)

    def _send_batch(self, body: JsonDict) -> JsonDict:
        path = f"/api/v1/runs/{_quote_path(self.run_id)}/batch"
        return self._client._transport.json("POST", path, body, idempotent=True)


def _check_key(key: Any) -> str:
    """MLflow's rule for keys, checked here because buffered points reach the server later."""
    if not isinstance(key, str) or not _KEY_CHARACTERS.match(key) or len(key) > _KEY_MAX_LENGTH:
        raise SlipwayError(
            INVALID_ARGUMENT,
            f"metric key {key!r}: 1 to {_KEY_MAX_LENGTH} alphanumerics, underscores, dashes, periods, spaces, slashes",
        )
    if any(segment in ("", ".", "..") for segment in key.split("/")):
        raise SlipwayError(INVALID_ARGUMENT, f"metric key {key!r} must be a normalized path (no '..', '.' or '//')")
    return key


def _metric_point(key: str, value: Any, step: Optional[int], timestamp: Optional[int]) -> JsonDict:
    _check_key(key)
    if step is not None and (isinstance(step, bool) or not isinstance(step, numbers.Integral)):
        raise SlipwayError(INVALID_ARGUMENT, f"step must be an integer, got {step!r}")
    return {
        "key": key,
        "value": encode_metric_value(value),
        "step": 0 if step is None else int(step),
        "timestamp": _now_ms() if timestamp is None else int(timestamp),
    }


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


class Slipway:
    """A client of the Slipway REST API (``/api/v1``).

    :param url: the gateway's base URL; default ``$SLIPWAY_URL``.
    :param token: an API token (``slw_…``); default ``$SLIPWAY_TOKEN``.
    :param timeout: seconds to wait for one HTTP answer (default 60).
    :param retry: how 429/502/503/504 and connection errors are retried (default :class:`RetryPolicy`).
    """

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        timeout: float = 60.0,
        retry: Optional[RetryPolicy] = None,
    ) -> None:
        url = url or os.environ.get("SLIPWAY_URL")
        if not url:
            raise SlipwayError(NOT_CONFIGURED, "no gateway URL: pass url=... or set SLIPWAY_URL")
        token = token if token is not None else os.environ.get("SLIPWAY_TOKEN")
        self._transport = _Transport(url, token, timeout, retry or RetryPolicy())

    @property
    def url(self) -> str:
        """The gateway's base URL."""
        return self._transport.base_url

    # Experiments --------------------------------------------------------------------------

    def create_experiment(self, name: str, tags: Optional[Mapping[str, Any]] = None) -> JsonDict:
        """Create an experiment; a taken name raises ``TRACKING.EXPERIMENT_ALREADY_EXISTS``."""
        body: JsonDict = {"name": name}
        if tags:
            body["tags"] = _key_values(tags, "tags")
        return self._transport.json("POST", "/api/v1/experiments", body)

    def get_experiment(self, experiment_id: str) -> JsonDict:
        """Get an experiment by id."""
        return self._transport.json("GET", f"/api/v1/experiments/{_quote_path(experiment_id)}", idempotent=True)

    def get_experiment_by_name(self, name: str) -> Optional[JsonDict]:
        """Get an experiment by name, or ``None`` when there is none."""
        try:
            return self._transport.json("GET", f"/api/v1/experiments/by-name/{_quote_path(name)}", idempotent=True)
        except SlipwayError as err:
            if err.status == 404:
                return None
            raise

    def get_or_create_experiment(self, name: str, tags: Optional[Mapping[str, Any]] = None) -> JsonDict:
        """Get the experiment called ``name``, creating it (with ``tags``) when missing."""
        found = self.get_experiment_by_name(name)
        if found is not None:
            return found
        try:
            return self.create_experiment(name, tags)
        except SlipwayError as err:
            if err.status != 409:
                raise
        found = self.get_experiment_by_name(name)  # Created by someone else meanwhile.
        if found is None:
            raise SlipwayError(INVALID_RESPONSE, f"experiment {name!r} exists and does not: try again")
        return found

    # Runs ---------------------------------------------------------------------------------

    def start_run(
        self,
        experiment: Optional[str] = None,
        run_name: Optional[str] = None,
        tags: Optional[Mapping[str, Any]] = None,
        parent_run_id: Optional[str] = None,
        experiment_id: Optional[str] = None,
    ) -> Run:
        """Start a RUNNING run and return its :class:`Run` handle (also a context manager).

        :param experiment: an experiment name, created when missing; or give ``experiment_id``.
            Neither: the Default experiment (``0``).
        :param run_name: the run's name (default: a random one chosen by the server).
        :param tags: tags of the run.
        :param parent_run_id: makes this a nested run of that run.
        """
        if experiment is not None and experiment_id is not None:
            raise SlipwayError(INVALID_ARGUMENT, "give experiment (a name) or experiment_id, not both")
        if experiment is not None:
            experiment_id = self.get_or_create_experiment(experiment)["experimentId"]
        # A run id chosen here makes the create idempotent, so it may be retried safely.
        body: JsonDict = {"runId": _new_id(), "startTime": _now_ms(), "tags": _key_values(tags or {}, "tags")}
        for field, value in (("experimentId", experiment_id), ("runName", run_name), ("parentRunId", parent_run_id)):
            if value is not None:
                body[field] = value
        view = self._transport.json("POST", "/api/v1/runs", body, idempotent=True)
        return Run(self, _decode_run_view(view))

    def get_run(self, run_id: str) -> JsonDict:
        """Get a run: ``{info, params, tags, metrics}`` with each metric's latest/min/max/count.

        Metric values come back as floats (NaN and ±inf included).
        """
        return _decode_run_view(self._transport.json("GET", f"/api/v1/runs/{_quote_path(run_id)}", idempotent=True))

    def search_runs(
        self,
        experiment_ids: Union[str, Iterable[str]],
        filter: str = "",
        order_by: Union[None, str, Sequence[str]] = None,
        max_results: Optional[int] = None,
        page_size: int = 1000,
        view_type: str = "ACTIVE_ONLY",
    ) -> Iterator[JsonDict]:
        """Iterate over runs matching an MLflow filter, page after page.

        :param experiment_ids: one experiment id or several.
        :param filter: MLflow's grammar, e.g. ``"metrics.f1 > 0.8 AND params.model = 'svc'"``.
        :param order_by: e.g. ``"metrics.f1 DESC"`` or a list of such.
        :param max_results: stop after this many runs (default: all).
        :param page_size: runs fetched per request.
        :param view_type: ``ACTIVE_ONLY``, ``DELETED_ONLY`` or ``ALL``.
        """
        ids = [experiment_ids] if isinstance(experiment_ids, str) else list(experiment_ids)
        orders = [order_by] if isinstance(order_by, str) else list(order_by or [])
        body: JsonDict = {"experimentIds": ids, "filter": filter, "orderBy": orders, "runViewType": view_type}
        yielded = 0
        while True:
            want = page_size if max_results is None else min(page_size, max_results - yielded)
            if want <= 0:
                return
            page = self._transport.json("POST", "/api/v1/runs/search", {**body, "maxResults": want}, idempotent=True)
            for view in page.get("runs") or []:
                yield _decode_run_view(view)
                yielded += 1
            token = page.get("nextPageToken")
            if not token:
                return
            body["pageToken"] = token

    def compare(
        self,
        run_ids: Optional[Sequence[str]] = None,
        experiment_id: Optional[str] = None,
        parent_run_id: Optional[str] = None,
        metrics: Optional[Sequence[str]] = None,
        sort_by: Union[None, str, Tuple[str, str]] = None,
        only_differences: bool = False,
    ) -> JsonDict:
        """Compare runs side by side: ``{columns, rows}``, one row per run with params, tags and
        each metric's latest/min/max/count.

        Give exactly one of ``run_ids``, ``experiment_id`` or ``parent_run_id``.
        ``sort_by`` is a metric key (descending), ``"f1 ASC"``, or ``("f1", "ASC")``.
        """
        given = (("runIds", run_ids), ("experimentId", experiment_id), ("parentRunId", parent_run_id))
        chosen = [(k, v) for k, v in given if v is not None]
        if len(chosen) != 1:
            raise SlipwayError(INVALID_ARGUMENT, "give exactly one of run_ids, experiment_id or parent_run_id")
        key, value = chosen[0]
        body: JsonDict = {key: list(value) if key == "runIds" else value, "onlyDifferences": only_differences}
        if metrics is not None:
            body["metricKeys"] = list(metrics)
        if sort_by is not None:
            body["sortBy"] = _sort_spec(sort_by)
        return _decode_comparison(self._transport.json("POST", "/api/v1/runs/compare", body, idempotent=True))

    def metric_history(self, run_id: str, key: str, page_size: int = 10_000) -> Iterator[JsonDict]:
        """Iterate over every point of one metric of a run: ``{step, timestamp, value}``."""
        path = f"/api/v1/runs/{_quote_path(run_id)}/metrics/{_quote_path(key)}/history"
        query: JsonDict = {"pageSize": page_size}
        while True:
            page = self._transport.json("GET", f"{path}?{urllib.parse.urlencode(query)}", idempotent=True)
            for point in page.get("points") or []:
                yield _decode_summary(point)
            if not page.get("nextPageToken"):
                return
            query["pageToken"] = page["nextPageToken"]

    # Artifacts ----------------------------------------------------------------------------

    def log_artifact(self, run_id: str, local_path: str, artifact_path: Optional[str] = None) -> JsonDict:
        """Upload a file as an artifact of a run, streamed from disk (never read whole into memory).

        :param artifact_path: where in the run's artifacts (default: the file's name).
        :returns: ``{uri, runId, path, size, sha256}`` as stored; the sha256 is checked against
            the bytes sent (``SDK.CHECKSUM_MISMATCH`` when they differ).
        """
        target = artifact_path or os.path.basename(local_path)
        path = f"/api/v1/runs/{_quote_path(run_id)}/artifacts/{_quote_path(target.lstrip('/'))}"
        stored, sent = self._transport.upload(path, local_path, "application/octet-stream")
        if stored.get("sha256") not in (None, sent):
            message = f"the server stored sha256 {stored.get('sha256')} for {target}, the bytes sent have {sent}"
            raise SlipwayError(CHECKSUM_MISMATCH, message)
        return stored

    def download_artifact(self, run_id: str, artifact_path: str, local_path: str) -> str:
        """Download one artifact file of a run to ``local_path``, streamed; returns its sha256.

        The sha256 is checked against the server's ETag (``SDK.CHECKSUM_MISMATCH`` when they differ).
        """
        path = f"/api/v1/runs/{_quote_path(run_id)}/artifacts/{_quote_path(artifact_path.lstrip('/'))}"
        digest = hashlib.sha256()
        with self._transport.open_download(path) as response, open(local_path, "wb") as out:
            etag = (response.headers.get("ETag") or "").strip('"')
            for chunk in _response_chunks(response, f"GET {self.url}{path}"):
                digest.update(chunk)
                out.write(chunk)
        if etag and etag != digest.hexdigest():
            message = f"{artifact_path}: the bytes downloaded have sha256 {digest.hexdigest()}, the server said {etag}"
            raise SlipwayError(CHECKSUM_MISMATCH, message)
        return digest.hexdigest()

    def list_artifacts(self, run_id: str, path: Optional[str] = None, recursive: bool = False) -> List[JsonDict]:
        """List artifact files and folders of a run: ``[{path, isDir, size?}]``."""
        query = {"recursive": "true" if recursive else "false", **({"path": path} if path else {})}
        page = self._transport.json(
            "GET", f"/api/v1/runs/{_quote_path(run_id)}/artifacts?{urllib.parse.urlencode(query)}", idempotent=True
        )
        return page.get("files") or []

    # Misc ---------------------------------------------------------------------------------

    def whoami(self) -> JsonDict:
        """The token's principal: ``{name, scopes, …}``."""
        return self._transport.json("GET", "/api/v1/whoami", idempotent=True)


def _response_chunks(response: Any, what: str) -> Iterator[bytes]:
    while True:
        try:
            chunk = response.read(_UPLOAD_CHUNK_BYTES)
        except (OSError, http.client.HTTPException) as err:
            raise SlipwayError(NETWORK_ERROR, f"{what} broke off while downloading: {err!r}")
        if not chunk:
            return
        yield chunk


def _sort_spec(sort_by: Union[str, Tuple[str, str]]) -> JsonDict:
    if isinstance(sort_by, str):
        parts = sort_by.rsplit(" ", 1)
        if len(parts) == 2 and parts[1].upper() in ("ASC", "DESC"):
            return {"metric": parts[0], "direction": parts[1].upper()}
        return {"metric": sort_by, "direction": "DESC"}
    metric, direction = sort_by
    return {"metric": metric, "direction": direction.upper()}
