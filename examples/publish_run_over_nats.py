#!/usr/bin/env python3
"""Publish a whole tracking run to Slipway over NATS with Python's standard library only.

No SDK and no NATS client library: the NATS protocol is text over TCP, and every Slipway event
is a CloudEvents 1.0 JSON message (schemas in libs/contracts/generated/json-schema). Each
publish waits for JetStream's ack and sets `Nats-Msg-Id` to the event id, so a retry is stored
once.

    python3 examples/publish_run_over_nats.py --nats nats://127.0.0.1:4222 --run-id demo1 \
        --experiment customer_churn --points 10000

Prints one JSON line: {"runId": ..., "events": N, "points": N}.
"""
import argparse
import json
import math
import random
import socket
import time
import uuid
from urllib.parse import urlparse


class NatsPublisher:
    """A minimal NATS client: CONNECT, then HPUB with a reply inbox to get JetStream's ack."""

    def __init__(self, url):
        parsed = urlparse(url)
        self.sock = socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 4222), timeout=10)
        self.reader = self.sock.makefile("rb")
        info = self.reader.readline()
        if not info.startswith(b"INFO "):
            raise RuntimeError(f"not a NATS server: {info!r}")
        self.inbox = f"_INBOX.{uuid.uuid4().hex}"
        self.sock.sendall(b'CONNECT {"verbose":false,"pedantic":false,"headers":true,"no_responders":true}\r\n')
        self.sock.sendall(f"SUB {self.inbox}.* 1\r\n".encode())

    def publish(self, subject, event):
        body = json.dumps(event, allow_nan=False, separators=(",", ":")).encode()
        headers = f"NATS/1.0\r\nNats-Msg-Id: {event['id']}\r\n\r\n".encode()
        reply = f"{self.inbox}.{uuid.uuid4().hex[:12]}"
        self.sock.sendall(
            f"HPUB {subject} {reply} {len(headers)} {len(headers) + len(body)}\r\n".encode() + headers + body + b"\r\n"
        )
        return self._ack()

    def _ack(self):
        while True:
            line = self.reader.readline().decode().strip()
            if line == "PING":
                self.sock.sendall(b"PONG\r\n")
            elif line.startswith("-ERR"):
                raise RuntimeError(line)
            elif line.startswith(("MSG ", "HMSG ")):
                size = int(line.split()[-1])
                payload = self.reader.read(size + 2)[:size]
                if line.startswith("HMSG"):
                    raise RuntimeError(f"no stream captures the subject: {payload.decode().splitlines()[0]}")
                ack = json.loads(payload)
                if "error" in ack:
                    raise RuntimeError(ack["error"].get("description", ack["error"]))
                return ack

    def close(self):
        self.sock.close()


def wire(value):
    """JSON has no NaN or Infinity: Slipway reads these strings back as the numbers."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def event(kind, run_id, data):
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "/examples/publish_run_over_nats.py",
        "type": f"dev.slipway.tracking.run.{kind}.v1",
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "datacontenttype": "application/json",
        "data": {"runId": run_id, **data},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nats", default="nats://127.0.0.1:4222")
    parser.add_argument("--root", default="slipway", help="subject root (SLIPWAY_SUBJECT_ROOT)")
    parser.add_argument("--run-id", default=uuid.uuid4().hex)
    parser.add_argument("--experiment", default="customer_churn")
    parser.add_argument("--points", type=int, default=10000, help="metric points in all")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    nats = NatsPublisher(args.nats)
    subject = lambda what: f"{args.root}.ingest.runs.{args.run_id}.{what}"  # noqa: E731
    now = int(time.time() * 1000)
    events = 0

    nats.publish(subject("started"), event("started", args.run_id, {
        "experimentName": args.experiment, "runName": "XGBClassifier", "user": "joak",
        "source": "param_search.py", "gitCommit": "a160af", "startTime": now,
        "tags": [{"key": "team", "value": "ml-platform"}],
    }))
    events += 1
    nats.publish(subject("params"), event("params.logged", args.run_id, {
        "params": [{"key": "model", "value": "XGBClassifier"}, {"key": "max_depth", "value": "6"}],
    }))
    events += 1

    keys = ["accuracy", "f1", "mean_fit_time", "mean_score_time"]
    steps = args.points // len(keys)
    batch = []
    for step in range(steps):
        for key in keys:
            value = rng.random() if key != "f1" or step < steps - 1 else 0.972
            batch.append({"key": key, "value": wire(value), "timestamp": now + step, "step": step})
            if len(batch) == 1000:
                nats.publish(subject("metrics"), event("metrics.logged", args.run_id, {"metrics": batch}))
                events += 1
                batch = []
    if batch:
        nats.publish(subject("metrics"), event("metrics.logged", args.run_id, {"metrics": batch}))
        events += 1
    nats.publish(subject("metrics"), event("metrics.logged", args.run_id, {
        "metrics": [{"key": "val_loss", "value": wire(float("nan")), "timestamp": now, "step": 0}],
    }))
    events += 1

    nats.publish(subject("finished"), event("finished", args.run_id, {"status": "FINISHED", "endTime": now + steps}))
    events += 1
    nats.close()
    print(json.dumps({"runId": args.run_id, "events": events, "points": steps * len(keys) + 1}))


if __name__ == "__main__":
    main()
