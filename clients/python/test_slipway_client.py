"""Tests of slipway_client: unit tests against a real local HTTP server, end-to-end tests against a gateway.

Run with ``python3 -m unittest -v`` in this folder. The end-to-end tests need a running platform:
``SLIPWAY_URL`` and ``SLIPWAY_TOKEN`` (an admin token); without them they are skipped, unless
``SLIPWAY_REQUIRE_SERVER=1`` (as the jest e2e spec sets), which turns the skip into a failure.
"""

from __future__ import annotations

import ast
import contextlib
import email.utils
import hashlib
import http.server
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid
from typing import Any, Callable, Dict, List, Optional, Tuple

import slipway_client
from slipway_client import RetryPolicy, Slipway, SlipwayError, decode_metric_value, encode_metric_value

NO_WAIT = RetryPolicy(max_retries=3, base_delay=0.0, max_delay=0.0)

# --------------------------------------------------------------------------------------------
# A real HTTP server in a thread that answers from a script and records what it received
# --------------------------------------------------------------------------------------------


class Received:
    """One request the fake gateway received."""

    def __init__(self, method: str, path: str, headers: Dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


Answer = Tuple[int, Any, Dict[str, str]]
Handler = Callable[[Received], Optional[Answer]]


class FakeGateway:
    """``http.server`` on 127.0.0.1:<free port>. A handler returns ``(status, body, headers)``;
    ``None`` closes the connection without answering (a dropped connection)."""

    def __init__(self) -> None:
        self.routes: List[Tuple[str, "re.Pattern[str]", Handler, bool]] = []
        self.received: List[Received] = []
        gateway = self

        class RequestHandler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def handle_one(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Received(self.command, self.path, dict(self.headers.items()), b"")
                early = gateway.answers_early(request)
                if not early:
                    request.body = self.rfile.read(length) if length else b""
                gateway.received.append(request)
                answer = gateway.answer(request)
                if answer is None:
                    self.close_connection = True
                    return
                self.send(answer)
                if early and request.headers.get("Connection", "").lower() == "close":
                    self.close_connection = True  # As Node does: close, the unread body makes it a reset.
                elif early:
                    self.rfile.read(length)  # As Node does on a kept-alive connection: read the rest.

            def send(self, answer: Answer) -> None:
                status, payload, headers = answer
                raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_one

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def on(self, method: str, pattern: str, handler: Handler, early: bool = False) -> None:
        """Answer ``method`` on paths matching ``pattern`` (a regex) with ``handler``; later wins.
        With ``early`` the answer goes out before the request body is read (as a refusal does)."""
        self.routes.insert(0, (method, re.compile(pattern + "$"), handler, early))

    def route(self, request: Received) -> Optional[Tuple[Handler, bool]]:
        for method, pattern, handler, early in self.routes:
            if method == request.method and pattern.match(request.path):
                return handler, early
        return None

    def answers_early(self, request: Received) -> bool:
        found = self.route(request)
        return found is not None and found[1]

    def answer(self, request: Received) -> Optional[Answer]:
        found = self.route(request)
        if found is None:
            return 404, {"code": "GATEWAY.ROUTE_NOT_FOUND", "message": f"no {request.path}", "details": {}}, {}
        return found[0](request)

    def calls(self, method: str, pattern: str) -> List[Received]:
        """The requests received for ``method`` on paths matching ``pattern``."""
        regex = re.compile(pattern + "$")
        return [r for r in self.received if r.method == method and regex.match(r.path)]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def run_view(run_id: str, status: str = "RUNNING") -> Dict[str, Any]:
    info = {"runId": run_id, "experimentId": "0", "runName": "r", "status": status, "startTime": 1, "endTime": None}
    return {"info": info, "params": [], "tags": [], "metrics": []}


def batch_stored(request: Received) -> Answer:
    body = request.json()
    result = {"runId": "r", "batchId": body.get("batchId"), "metricsStored": len(body.get("metrics", []))}
    return 200, {**result, "paramsStored": 0, "tagsSet": 0}, {}


class FakeGatewayTest(unittest.TestCase):
    """A test with a fake gateway that creates runs, stores batches and ends runs."""

    def setUp(self) -> None:
        self.gateway = FakeGateway()
        self.addCleanup(self.gateway.stop)
        self.gateway.on("POST", "/api/v1/runs", lambda r: (201, run_view(r.json()["runId"]), {}))
        self.gateway.on("POST", "/api/v1/runs/[^/]+/batch", batch_stored)
        self.gateway.on("PATCH", "/api/v1/runs/[^/]+", lambda r: (200, run_view("r", r.json()["status"])["info"], {}))
        self.client = Slipway(self.gateway.url, "slw_test", timeout=5, retry=NO_WAIT)

    def batches(self) -> List[Dict[str, Any]]:
        return [r.json() for r in self.gateway.calls("POST", "/api/v1/runs/[^/]+/batch")]

    def metric_batches(self) -> List[Dict[str, Any]]:
        return [b for b in self.batches() if b.get("metrics")]


# --------------------------------------------------------------------------------------------
# Unit tests (no Slipway server)
# --------------------------------------------------------------------------------------------


class MetricValueTest(unittest.TestCase):
    def test_non_finite_values_travel_as_strings(self) -> None:
        self.assertEqual(encode_metric_value(float("nan")), "NaN")
        self.assertEqual(encode_metric_value(float("inf")), "Infinity")
        self.assertEqual(encode_metric_value(float("-inf")), "-Infinity")
        self.assertEqual(encode_metric_value(0.25), 0.25)
        self.assertEqual(encode_metric_value(3), 3)
        self.assertEqual(encode_metric_value(True), 1)

    def test_strings_and_none_are_refused_with_a_clear_error(self) -> None:
        for bad in ("0.5", "NaN", None, [1.0]):
            with self.assertRaises(SlipwayError) as caught:
                encode_metric_value(bad)
            self.assertEqual(caught.exception.code, "SDK.INVALID_ARGUMENT")
            self.assertIn("real number", caught.exception.message)

    def test_strings_come_back_as_floats(self) -> None:
        self.assertTrue(math.isnan(decode_metric_value("NaN")))
        self.assertEqual(decode_metric_value("Infinity"), math.inf)
        self.assertEqual(decode_metric_value("-Infinity"), -math.inf)
        self.assertEqual(decode_metric_value(0.5), 0.5)


class SourceTest(unittest.TestCase):
    def test_the_module_parses_as_python_3_9(self) -> None:
        with open(slipway_client.__file__, encoding="utf-8") as source:
            ast.parse(source.read(), feature_version=(3, 9))

    def test_it_imports_nothing_outside_the_standard_library(self) -> None:
        with open(slipway_client.__file__, encoding="utf-8") as source:
            tree = ast.parse(source.read())
        nodes = list(ast.walk(tree))
        imported = {alias.name.split(".")[0] for node in nodes if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in nodes if isinstance(node, ast.ImportFrom) and node.module}
        standard = {"__future__", "atexit", "email", "hashlib", "http", "json", "math", "numbers", "os", "random", "re"}
        standard |= {"sys", "threading", "time", "typing", "urllib", "uuid", "warnings"}
        self.assertEqual(imported - standard, set())


class MetricKeyTest(FakeGatewayTest):
    def test_a_bad_key_is_refused_when_logged_not_later_at_flush(self) -> None:
        run = self.client.start_run()
        for bad in ("", "a!b", "/loss", "a/../b", "a//b", "x" * 251, 7):
            with self.assertRaises(SlipwayError, msg=repr(bad)) as caught:
                run.log_metric(bad, 1.0)  # type: ignore[arg-type]
            self.assertEqual(caught.exception.code, "SDK.INVALID_ARGUMENT")
        for good in ("loss", "val/f1 score", "a-b_c.d", "x" * 250):
            run.log_metric(good, 1.0)
        run.flush()
        self.assertEqual(len(self.metric_batches()[0]["metrics"]), 4)


class BatchingTest(FakeGatewayTest):
    def test_2500_points_go_as_two_full_batches_then_the_rest_on_flush(self) -> None:
        run = self.client.start_run(run_name="r")
        for step in range(2500):
            run.log_metric("loss", 1.0 / (step + 1), step=step)
        self.assertEqual([len(b["metrics"]) for b in self.metric_batches()], [1000, 1000])
        run.flush()
        batches = self.metric_batches()
        self.assertEqual([len(b["metrics"]) for b in batches], [1000, 1000, 500])
        steps = [p["step"] for b in batches for p in b["metrics"]]
        self.assertEqual(steps, list(range(2500)))
        self.assertEqual(len({b["batchId"] for b in batches}), 3)

    def test_exactly_1000_points_is_one_batch_and_an_empty_flush_sends_nothing(self) -> None:
        run = self.client.start_run()
        for step in range(999):
            run.log_metric("m", step, step=step)
        self.assertEqual(self.metric_batches(), [])
        run.log_metric("m", 999, step=999)
        self.assertEqual([len(b["metrics"]) for b in self.metric_batches()], [1000])
        run.flush()
        run.flush()
        self.assertEqual(len(self.batches()), 1)

    def test_nan_and_infinities_are_strings_on_the_wire(self) -> None:
        run = self.client.start_run()
        run.log_metrics({"a": float("nan"), "b": float("inf"), "c": -math.inf, "d": 0.5}, step=7)
        run.flush()
        raw = self.gateway.calls("POST", "/api/v1/runs/[^/]+/batch")[0].body.decode()
        self.assertIn('"value":"NaN"', raw)
        self.assertIn('"value":"Infinity"', raw)
        self.assertIn('"value":"-Infinity"', raw)
        points = self.metric_batches()[0]["metrics"]
        self.assertEqual({p["step"] for p in points}, {7})
        self.assertEqual(len({p["timestamp"] for p in points}), 1)

    def test_end_flushes_before_it_marks_the_run_finished(self) -> None:
        run = self.client.start_run()
        run.log_metric("m", 1.0)
        run.end()
        kinds = [(r.method, r.path.rsplit("/", 1)[-1]) for r in self.gateway.received]
        self.assertEqual([k[0] for k in kinds], ["POST", "POST", "PATCH"])
        self.assertEqual(kinds[1][1], "batch")
        self.assertEqual(self.gateway.calls("PATCH", "/api/v1/runs/[^/]+")[0].json()["status"], "FINISHED")
        with self.assertRaises(SlipwayError) as caught:
            run.log_metric("m", 2.0)
        self.assertEqual(caught.exception.code, "SDK.INVALID_ARGUMENT")

    def test_params_and_tags_are_sent_at_once_in_chunks_of_100(self) -> None:
        run = self.client.start_run()
        run.log_params({f"p{i}": i for i in range(150)})
        run.set_tags({"team": "ml"})
        sizes = [(len(b.get("params", [])), len(b.get("tags", []))) for b in self.batches()]
        self.assertEqual(sizes, [(100, 0), (50, 0), (0, 1)])
        self.assertEqual(self.batches()[0]["params"][3], {"key": "p3", "value": "3"})

    def test_a_block_that_raises_ends_the_run_failed_and_the_exception_goes_on(self) -> None:
        with self.assertRaises(ZeroDivisionError):
            with self.client.start_run() as run:
                run.log_metric("m", 1.0)
                _ = 1 / 0
        self.assertEqual(len(self.metric_batches()), 1)
        self.assertEqual(self.gateway.calls("PATCH", "/api/v1/runs/[^/]+")[0].json()["status"], "FAILED")

    def test_ctrl_c_in_the_block_ends_the_run_killed(self) -> None:
        with self.assertRaises(KeyboardInterrupt):
            with self.client.start_run():
                raise KeyboardInterrupt
        self.assertEqual(self.gateway.calls("PATCH", "/api/v1/runs/[^/]+")[0].json()["status"], "KILLED")

    def test_start_run_sends_the_run_fields(self) -> None:
        self.client.start_run(run_name="child", tags={"k": 1}, parent_run_id="p1", experiment_id="5")
        body = self.gateway.calls("POST", "/api/v1/runs")[0].json()
        self.assertEqual(body["runName"], "child")
        self.assertEqual(body["parentRunId"], "p1")
        self.assertEqual(body["experimentId"], "5")
        self.assertEqual(body["tags"], [{"key": "k", "value": "1"}])
        self.assertRegex(body["runId"], r"^[0-9a-f]{32}$")


    def test_points_logged_from_several_threads_all_arrive_once(self) -> None:
        run = self.client.start_run()

        def log(thread: int) -> None:
            for step in range(1000):
                run.log_metric(f"t{thread}", step, step=step)

        threads = [threading.Thread(target=log, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        run.end()
        batches = self.metric_batches()
        self.assertTrue(all(len(b["metrics"]) <= 1000 for b in batches))
        points = sorted((p["key"], p["step"]) for b in batches for p in b["metrics"])
        self.assertEqual(points, sorted((f"t{n}", step) for n in range(4) for step in range(1000)))

    def test_points_of_a_run_not_ended_are_flushed_when_the_interpreter_exits(self) -> None:
        script = "from slipway_client import Slipway\nSlipway().start_run().log_metric('m', 0.5, step=3)\n"
        folder = os.path.dirname(os.path.abspath(slipway_client.__file__))
        env = {**os.environ, "SLIPWAY_URL": self.gateway.url, "SLIPWAY_TOKEN": "t", "PYTHONPATH": folder}
        subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
        self.assertEqual([b["metrics"] for b in self.metric_batches()][0][0]["step"], 3)
        self.assertEqual(self.gateway.calls("PATCH", "/api/v1/runs/[^/]+"), [])


class RetryTest(FakeGatewayTest):
    def failing_then_ok(self, failures: List[Optional[Answer]], then: Handler) -> Handler:
        queue = list(failures)
        return lambda request: queue.pop(0) if queue else then(request)

    def test_a_batch_is_retried_on_503_with_the_same_batch_id(self) -> None:
        unavailable = (503, {"code": "COMMON.UNAVAILABLE", "message": "busy"}, {})
        self.gateway.on("POST", "/api/v1/runs/[^/]+/batch", self.failing_then_ok([unavailable] * 2, batch_stored))
        run = self.client.start_run()
        run.log_metric("m", 1.0)
        run.flush()
        ids = [b["batchId"] for b in self.batches()]
        self.assertEqual(len(ids), 3)
        self.assertEqual(len(set(ids)), 1)

    def test_a_dropped_connection_is_retried(self) -> None:
        self.gateway.on("POST", "/api/v1/runs/[^/]+/batch", self.failing_then_ok([None], batch_stored))
        run = self.client.start_run()
        run.log_params({"a": 1})
        self.assertEqual(len(self.batches()), 2)
        self.assertEqual(self.batches()[0]["batchId"], self.batches()[1]["batchId"])

    def test_a_batch_that_keeps_failing_stays_buffered_and_is_resent_with_its_id(self) -> None:
        down = (502, b"<html>bad gateway</html>", {"Content-Type": "text/html"})
        self.gateway.on("POST", "/api/v1/runs/[^/]+/batch", self.failing_then_ok([down] * 4, batch_stored))
        run = self.client.start_run()
        run.log_metric("m", 1.0)
        with self.assertRaises(SlipwayError) as caught:
            run.flush()
        self.assertEqual((caught.exception.status, caught.exception.code), (502, "SDK.HTTP_ERROR"))
        self.assertIn("bad gateway", caught.exception.message)
        self.assertIn("gave up after 3 retries", caught.exception.message)
        run.log_metric("m", 2.0)
        self.assertEqual(len(self.batches()), 4)  # Logging does not wait on the failed batch's retries.
        run.flush()
        ids = [b["batchId"] for b in self.batches()]
        self.assertEqual(len(ids), 6)
        self.assertEqual(len(set(ids[:5])), 1)
        self.assertNotEqual(ids[5], ids[0])
        self.assertEqual([b["metrics"][0]["value"] for b in self.batches()[4:]], [1.0, 2.0])

    def test_a_refused_batch_is_dropped_and_raised(self) -> None:
        refused = (400, {"code": "COMMON.VALIDATION_FAILED", "message": "metrics[0].key: bad", "details": {}}, {})
        self.gateway.on("POST", "/api/v1/runs/[^/]+/batch", lambda r: refused)
        run = self.client.start_run()
        run.log_metric("m", 1.0)
        with self.assertRaises(SlipwayError) as caught:
            run.flush()
        self.assertEqual((caught.exception.status, caught.exception.code), (400, "COMMON.VALIDATION_FAILED"))
        run.flush()
        self.assertEqual(len(self.batches()), 1)

    def test_429_is_retried_even_for_a_create_after_retry_after_but_503_is_not(self) -> None:
        limited = (429, {"code": "GATEWAY.RATE_LIMITED", "message": "slow down"}, {"Retry-After": "0"})
        created = (201, {"experimentId": "1", "name": "e"}, {})
        self.gateway.on("POST", "/api/v1/experiments", self.failing_then_ok([limited], lambda r: created))
        self.assertEqual(self.client.create_experiment("e")["experimentId"], "1")
        self.assertEqual(len(self.gateway.calls("POST", "/api/v1/experiments")), 2)

        unavailable = (503, {"code": "COMMON.UNAVAILABLE", "message": "busy"}, {})
        self.gateway.on("POST", "/api/v1/experiments", self.failing_then_ok([unavailable], lambda r: created))
        with self.assertRaises(SlipwayError) as caught:
            self.client.create_experiment("e")
        self.assertEqual(caught.exception.status, 503)
        self.assertEqual(len(self.gateway.calls("POST", "/api/v1/experiments")), 3)

    def test_no_server_is_a_network_error_without_status(self) -> None:
        gone = FakeGateway()
        gone.stop()
        client = Slipway(gone.url, "t", timeout=2, retry=RetryPolicy(max_retries=1, base_delay=0, max_delay=0))
        with self.assertRaises(SlipwayError) as caught:
            client.get_run("r1")
        self.assertEqual(caught.exception.code, "SDK.NETWORK_ERROR")
        self.assertIsNone(caught.exception.status)
        self.assertIn(gone.url, caught.exception.message)

    def test_retry_after_is_read_as_seconds_or_as_an_http_date(self) -> None:
        read = slipway_client._retry_after_seconds
        self.assertEqual(read({"Retry-After": "3"}), 3.0)
        self.assertIsNone(read({}))
        self.assertIsNone(read({"Retry-After": "soon"}))
        later = email.utils.formatdate(time.time() + 60, usegmt=True)
        self.assertAlmostEqual(read({"Retry-After": later}), 60, delta=2)
        self.assertEqual(read({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), 0.0)

    def test_backoff_doubles_and_is_capped(self) -> None:
        policy = RetryPolicy(max_retries=9, base_delay=1.0, max_delay=4.0)
        for retry, full in [(0, 1.0), (1, 2.0), (2, 4.0), (5, 4.0)]:
            delay = policy.delay(retry)
            self.assertGreaterEqual(delay, full / 2)
            self.assertLessEqual(delay, full)
        self.assertEqual(policy.delay(0, retry_after=2.5), 2.5)
        self.assertEqual(policy.delay(0, retry_after=99), 4.0)


class ErrorTest(FakeGatewayTest):
    def test_the_error_shape_becomes_a_slipway_error(self) -> None:
        conflict = {"code": "TRACKING.PARAM_CONFLICT", "message": "params are immutable", "details": {"key": "lr"}}
        self.gateway.on("POST", "/api/v1/runs/[^/]+/batch", lambda r: (409, conflict, {}))
        run = self.client.start_run()
        with self.assertRaises(SlipwayError) as caught:
            run.log_params({"lr": 0.1})
        error = caught.exception
        self.assertEqual((error.code, error.status, error.details), ("TRACKING.PARAM_CONFLICT", 409, {"key": "lr"}))
        self.assertEqual(str(error), "TRACKING.PARAM_CONFLICT: params are immutable (HTTP 409)")
        self.assertEqual(len(self.batches()), 1)

    def test_the_token_is_sent_as_a_bearer(self) -> None:
        self.client.start_run()
        self.assertEqual(self.gateway.received[0].headers["Authorization"], "Bearer slw_test")

    def test_a_missing_url_says_which_variable_to_set(self) -> None:
        saved = os.environ.pop("SLIPWAY_URL", None)
        self.addCleanup(lambda: saved is None or os.environ.__setitem__("SLIPWAY_URL", saved))
        with self.assertRaises(SlipwayError) as caught:
            Slipway()
        self.assertEqual(caught.exception.code, "SDK.NOT_CONFIGURED")
        self.assertIn("SLIPWAY_URL", caught.exception.message)

    def test_compare_wants_exactly_one_selection(self) -> None:
        with self.assertRaises(SlipwayError):
            self.client.compare(run_ids=["a"], experiment_id="1")
        with self.assertRaises(SlipwayError):
            self.client.compare()


class ArtifactUploadTest(FakeGatewayTest):
    def test_the_file_is_sent_with_its_length_not_chunked_and_the_sha256_is_checked(self) -> None:
        data = os.urandom(2 * 1024 * 1024 + 3)
        path = write_temp_file(self, data)
        digest = hashlib.sha256(data).hexdigest()

        def stored(request: Received) -> Answer:
            sha = hashlib.sha256(request.body).hexdigest()
            return 201, {"uri": "runs:/r/x", "path": "m/x.bin", "size": len(request.body), "sha256": sha}, {}

        self.gateway.on("PUT", "/api/v1/runs/r1/artifacts/.+", stored)
        self.assertEqual(self.client.log_artifact("r1", path, "m/x y.bin")["sha256"], digest)
        put = self.gateway.calls("PUT", "/api/v1/runs/r1/artifacts/.+")[0]
        self.assertEqual(put.path, "/api/v1/runs/r1/artifacts/m/x%20y.bin")
        self.assertEqual(put.headers["Content-Length"], str(len(data)))
        self.assertNotIn("Transfer-Encoding", put.headers)
        self.assertEqual(put.headers["Content-Type"], "application/octet-stream")

        self.gateway.on("PUT", "/api/v1/runs/r1/artifacts/.+", lambda r: (201, {"sha256": "0" * 64}, {}))
        with self.assertRaises(SlipwayError) as caught:
            self.client.log_artifact("r1", path)
        self.assertEqual(caught.exception.code, "SDK.CHECKSUM_MISMATCH")

    def test_the_upload_reads_the_file_in_bounded_chunks(self) -> None:
        data = os.urandom(3 * 1024 * 1024 + 5)
        with open(write_temp_file(self, data), "rb") as file:
            chunks = list(slipway_client._file_chunks(file, len(data) - 2))
        self.assertEqual([len(c) for c in chunks], [1024 * 1024] * 3 + [3])
        self.assertEqual(b"".join(chunks), data[:-2])

    def test_an_early_refusal_of_a_large_upload_is_read_not_lost_in_a_broken_pipe(self) -> None:
        missing = (404, {"code": "TRACKING.RUN_NOT_FOUND", "message": "no run with id r9", "details": {}}, {})
        self.gateway.on("PUT", "/api/v1/runs/r9/artifacts/.+", lambda r: missing, early=True)
        path = write_temp_file(self, os.urandom(8 * 1024 * 1024))
        with self.assertRaises(SlipwayError) as caught:
            self.client.log_artifact("r9", path)
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "TRACKING.RUN_NOT_FOUND"))
        self.assertEqual(len(self.gateway.calls("PUT", "/api/v1/runs/r9/artifacts/.+")), 1)

    def test_a_download_is_written_and_checked_against_the_etag(self) -> None:
        data = os.urandom(1024 * 1024 + 1)
        digest = hashlib.sha256(data).hexdigest()
        headers = {"Content-Type": "application/octet-stream", "ETag": f'"{digest}"'}
        self.gateway.on("GET", "/api/v1/runs/r1/artifacts/a.bin", lambda r: (200, data, headers))
        target = write_temp_file(self, b"")
        self.assertEqual(self.client.download_artifact("r1", "a.bin", target), digest)
        with open(target, "rb") as downloaded:
            self.assertEqual(downloaded.read(), data)
        self.gateway.on("GET", "/api/v1/runs/r1/artifacts/a.bin", lambda r: (200, data, {"ETag": '"' + "0" * 64 + '"'}))
        with self.assertRaises(SlipwayError) as caught:
            self.client.download_artifact("r1", "a.bin", target)
        self.assertEqual(caught.exception.code, "SDK.CHECKSUM_MISMATCH")


def write_temp_file(test: unittest.TestCase, data: bytes) -> str:
    handle, path = tempfile.mkstemp(prefix="slipway-test-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    test.addCleanup(os.remove, path)
    return path


# --------------------------------------------------------------------------------------------
# End to end, against a running gateway
# --------------------------------------------------------------------------------------------

SERVER_URL = os.environ.get("SLIPWAY_URL")
REQUIRE_SERVER = os.environ.get("SLIPWAY_REQUIRE_SERVER") == "1"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@unittest.skipUnless(SERVER_URL or REQUIRE_SERVER, "set SLIPWAY_URL and SLIPWAY_TOKEN to run against a gateway")
class GatewayTest(unittest.TestCase):
    """The client against a real platform (gateway, tracking, registry)."""

    def setUp(self) -> None:
        self.assertTrue(SERVER_URL, "SLIPWAY_REQUIRE_SERVER=1 but SLIPWAY_URL is not set")
        self.client = Slipway()

    def test_a_run_with_params_2500_points_a_nan_and_a_tag_reads_back_exactly(self) -> None:
        experiment = unique("py-ctx")
        with self.client.start_run(experiment=experiment, run_name="ctx", tags={"team": "ml"}) as run:
            run.log_params({"lr": 0.01, "model": "xgb"})
            for step in range(2500):
                run.log_metric("loss", 1.0 / (step + 1), step=step)
            run.log_metric("score", 0.5, step=0)
            run.log_metric("score", float("nan"), step=1)
            run.set_tags({"stage": "test"})

        view = self.client.get_run(run.run_id)
        self.assertEqual(view["info"]["status"], "FINISHED")
        self.assertIsNotNone(view["info"]["endTime"])
        self.assertEqual(view["info"]["runName"], "ctx")
        self.assertEqual(as_dict(view["params"]), {"lr": "0.01", "model": "xgb"})
        self.assertEqual(as_dict(view["tags"])["team"], "ml")
        self.assertEqual(as_dict(view["tags"])["stage"], "test")
        metrics = {m["key"]: m for m in view["metrics"]}
        self.assertEqual(metrics["loss"]["count"], 2500)
        self.assertEqual(metrics["loss"]["step"], 2499)
        self.assertAlmostEqual(metrics["loss"]["latest"], 1.0 / 2500)
        self.assertEqual(metrics["loss"]["max"], 1.0)
        self.assertEqual(metrics["score"]["count"], 2)

        experiment_id = self.client.get_experiment_by_name(experiment)["experimentId"]
        compared = self.client.compare(experiment_id=experiment_id, metrics=["loss", "score"])
        self.assertEqual([row["info"]["runId"] for row in compared["rows"]], [run.run_id])
        row = compared["rows"][0]
        self.assertEqual(row["metrics"]["loss"]["count"], 2500)
        self.assertEqual(row["metrics"]["score"]["count"], 2)
        self.assertEqual(row["params"], {"lr": "0.01", "model": "xgb"})
        history = list(self.client.metric_history(run.run_id, "score"))
        self.assertEqual([(p["step"], p["value"] == 0.5) for p in history], [(0, True), (1, False)])

        nan_reads = {"get_run": metrics["score"]["latest"], "compare": row["metrics"]["score"]["latest"]}
        nan_reads["history"] = history[1]["value"]
        for where, value in nan_reads.items():
            self.assertTrue(math.isnan(value), f"{where}: {value!r}")

    def test_an_exception_in_the_block_marks_the_run_failed(self) -> None:
        with self.assertRaises(RuntimeError):
            with self.client.start_run(experiment=unique("py-fail")) as run:
                run.log_metric("loss", 0.3)
                raise RuntimeError("training diverged")
        view = self.client.get_run(run.run_id)
        self.assertEqual(view["info"]["status"], "FAILED")
        self.assertEqual(view["metrics"][0]["count"], 1)

    def test_a_param_logged_again_with_another_value_is_a_conflict(self) -> None:
        with self.client.start_run(experiment=unique("py-param")) as run:
            run.log_params({"lr": 0.1})
            run.log_params({"lr": 0.1})
            with self.assertRaises(SlipwayError) as caught:
                run.log_params({"lr": 0.2})
        self.assertEqual(caught.exception.code, "TRACKING.PARAM_CONFLICT")
        self.assertEqual(caught.exception.status, 400)  # MLflow's INVALID_PARAMETER_VALUE
        self.assertIn("lr", caught.exception.message)
        self.assertEqual(as_dict(self.client.get_run(run.run_id)["params"]), {"lr": "0.1"})

    def test_a_dataset_input_is_stored_once_and_read_back_with_the_run(self) -> None:
        with self.client.start_run(experiment=unique("py-inputs")) as run:
            for _ in range(2):
                run.log_input("iris", "f6a1f5e3", '{"uri": "/data/iris.csv"}', profile='{"num_rows": 150}', context="training")
            with self.assertRaises(SlipwayError) as caught:
                run.log_input("iris", "d" * 37, "{}")
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("digest", caught.exception.message)
        inputs = self.client.get_run(run.run_id)["inputs"]
        self.assertEqual(
            inputs,
            [
                {
                    "dataset": {
                        "name": "iris",
                        "digest": "f6a1f5e3",
                        "sourceType": "local",
                        "source": '{"uri": "/data/iris.csv"}',
                        "profile": '{"num_rows": 150}',
                    },
                    "tags": [{"key": "mlflow.data.context", "value": "training"}],
                }
            ],
        )

    def test_search_with_a_filter_and_order_by_iterates_pages(self) -> None:
        experiment_id = self.client.create_experiment(unique("py-search"), tags={"kind": "search"})["experimentId"]
        for model, f1 in [("XGBClassifier", 0.83), ("LogisticRegression", 0.78), ("SVC", 0.81)]:
            with self.client.start_run(experiment_id=experiment_id, run_name=model) as run:
                run.log_params({"model": model})
                run.log_metric("f1", f1)
        found = self.client.search_runs(experiment_id, filter="metrics.f1 > 0.8", order_by="metrics.f1 DESC")
        self.assertEqual([r["info"]["runName"] for r in found], ["XGBClassifier", "SVC"])
        paged = self.client.search_runs([experiment_id], order_by=["metrics.f1 ASC"], page_size=1)
        self.assertEqual([r["info"]["runName"] for r in paged], ["LogisticRegression", "SVC", "XGBClassifier"])
        first_two = self.client.search_runs(experiment_id, order_by="metrics.f1 DESC", page_size=1, max_results=2)
        self.assertEqual(len(list(first_two)), 2)
        compared = self.client.compare(experiment_id=experiment_id, sort_by="f1")
        models = [r["params"]["model"] for r in compared["rows"]]
        self.assertEqual(models, ["XGBClassifier", "SVC", "LogisticRegression"])
        with self.assertRaises(SlipwayError) as caught:
            list(self.client.search_runs(experiment_id, filter="metrics.f1 >> 1"))
        self.assertEqual((caught.exception.status, caught.exception.code), (400, "TRACKING.INVALID_FILTER"))

    def test_experiments_get_or_create_is_idempotent_and_a_taken_name_conflicts(self) -> None:
        name = unique("py-exp")
        created = self.client.get_or_create_experiment(name)
        self.assertEqual(self.client.get_or_create_experiment(name)["experimentId"], created["experimentId"])
        self.assertEqual(self.client.get_experiment(created["experimentId"])["name"], name)
        self.assertIsNone(self.client.get_experiment_by_name(unique("py-none")))
        with self.assertRaises(SlipwayError) as caught:
            self.client.create_experiment(name)
        self.assertEqual((caught.exception.status, caught.exception.code), (409, "TRACKING.EXPERIMENT_ALREADY_EXISTS"))

    def test_nested_runs_compare_under_their_parent(self) -> None:
        with self.client.start_run(experiment=unique("py-nested"), run_name="sweep") as parent:
            for depth in (3, 6):
                with self.client.start_run(run_name=f"d{depth}", parent_run_id=parent.run_id,
                                           experiment_id=parent.experiment_id) as child:
                    child.log_params({"depth": depth})
                    child.log_metric("auc", depth / 10)
        rows = self.client.compare(parent_run_id=parent.run_id, sort_by=("auc", "ASC"))["rows"]
        self.assertEqual([r["info"]["runName"] for r in rows], ["d3", "d6"])

    def test_an_artifact_uploads_and_downloads_with_the_same_sha256(self) -> None:
        data = os.urandom(3 * 1024 * 1024 + 17)
        path = write_temp_file(self, data)
        with self.client.start_run(experiment=unique("py-artifact")) as run:
            stored = run.log_artifact(path, "model/model.bin")
        digest = hashlib.sha256(data).hexdigest()
        self.assertEqual(stored["sha256"], digest)
        self.assertEqual(stored["size"], len(data))
        self.assertEqual(stored["uri"], f"runs:/{run.run_id}/model/model.bin")
        target = write_temp_file(self, b"")
        self.assertEqual(self.client.download_artifact(run.run_id, "model/model.bin", target), digest)
        with open(target, "rb") as downloaded:
            self.assertEqual(hashlib.sha256(downloaded.read()).hexdigest(), digest)
        self.assertEqual(self.client.list_artifacts(run.run_id), [{"path": "model", "isDir": True}])

    def test_the_readme_example_runs(self) -> None:
        readme = os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md")
        with open(readme, encoding="utf-8") as text:
            example = re.search(r"```python\n(.*?)```", text.read(), re.S).group(1)  # type: ignore[union-attr]
        folder = tempfile.mkdtemp(prefix="slipway-readme-")
        with open(os.path.join(folder, "model.onnx"), "wb") as model:
            model.write(b"onnx bytes")
        cwd = os.getcwd()
        os.chdir(folder)
        self.addCleanup(os.chdir, cwd)
        namespace: Dict[str, Any] = {}
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            exec(compile(example, readme, "exec"), namespace)
        run = namespace["run"]
        view = self.client.get_run(run.run_id)
        self.assertEqual(view["info"]["status"], "FINISHED")
        self.assertEqual({m["key"]: m["count"] for m in view["metrics"]}, {"loss": 100, "auc": 100})
        files = [(f["path"], f["isDir"], f.get("size")) for f in self.client.list_artifacts(run.run_id, "model")]
        self.assertEqual(files, [("model/model.onnx", False, 10)])
        self.assertIn("xgb", printed.getvalue())

    def test_an_upload_to_a_missing_run_or_with_a_bad_token_gets_the_gateway_answer(self) -> None:
        path = write_temp_file(self, os.urandom(16 * 1024 * 1024))
        with self.assertRaises(SlipwayError) as caught:
            self.client.log_artifact("no_such_run", path)
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "TRACKING.RUN_NOT_FOUND"))
        with self.assertRaises(SlipwayError) as caught:
            Slipway(SERVER_URL, "slw_not_a_token").log_artifact("no_such_run", path)
        self.assertEqual((caught.exception.status, caught.exception.code), (401, "GATEWAY.UNAUTHENTICATED"))

    def test_a_bad_token_is_401(self) -> None:
        intruder = Slipway(SERVER_URL, "slw_not_a_token")
        with self.assertRaises(SlipwayError) as caught:
            intruder.get_run("r1")
        self.assertEqual(caught.exception.status, 401)
        self.assertEqual(caught.exception.code, "GATEWAY.UNAUTHENTICATED")
        with self.assertRaises(SlipwayError) as caught:
            intruder.start_run(run_name="nope")
        self.assertEqual(caught.exception.status, 401)


def as_dict(pairs: List[Dict[str, str]]) -> Dict[str, str]:
    return {pair["key"]: pair["value"] for pair in pairs}


if __name__ == "__main__":
    unittest.main()
