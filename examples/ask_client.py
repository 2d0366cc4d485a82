#!/usr/bin/env python3
"""Ask benchmarkos-ingest for a company's metrics the way a Python chatbot would: over STOMP, stdlib only.

    python3 examples/ask_client.py "metrics for MSFT phase 1" [--host 127.0.0.1] [--port 61613]

Prints "Fetching…" when the company is not loaded yet, waits for the ingest job's completion event on topic
ingest.events, asks again and prints "Ready" with the metrics. Exit code 0 on an answer, 1 on a failed job,
2 on a refused question, 3 when the broker cannot be reached or drops the connection, 4 on a timeout.
"""
import argparse
import json
import socket
import sys
import time
import uuid

# The client promises the broker a heart-beat this often; without one, the broker drops a connection that has been
# quiet for its TTL (60 s), and a fetch can take minutes.
HEARTBEAT_SECONDS = 10.0
ASK_QUEUE = "ingest.ask"
ANSWER_TOPIC = "ingest.answers"
EVENT_TOPIC = "ingest.events"


class StompConnection:
    """A minimal STOMP 1.2 client: enough frames to send, subscribe and receive."""

    def __init__(self, host, port, login=None, passcode=None, timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""
        self.kept = []
        self.last_sent = time.monotonic()
        headers = {"accept-version": "1.2", "host": "/", "heart-beat": "%d,0" % (HEARTBEAT_SECONDS * 1000)}
        if login:
            headers["login"] = login
            headers["passcode"] = passcode or ""
        self.send_frame("CONNECT", headers)
        command, headers, body = self.read_frame(timeout)
        if command != "CONNECTED":
            raise ConnectionError("broker refused the connection: %s %s" % (headers.get("message", command), body))

    def send_frame(self, command, headers, body=b""):
        lines = [command] + ["%s:%s" % (k, _escape(str(v))) for k, v in headers.items()]
        self.sock.sendall(("\n".join(lines) + "\n\n").encode("utf-8") + body + b"\x00")
        self.last_sent = time.monotonic()

    def _heart_beat_if_due(self):
        # A bare newline is a STOMP heart-beat; sent at half the promised interval to stay well inside it.
        if time.monotonic() - self.last_sent >= HEARTBEAT_SECONDS / 2:
            self.sock.sendall(b"\n")
            self.last_sent = time.monotonic()

    def subscribe(self, sub_id, destination, selector=None, multicast=False):
        headers = {"id": sub_id, "destination": destination, "ack": "auto"}
        if multicast:
            headers["subscription-type"] = "MULTICAST"
        if selector:
            headers["selector"] = selector
        self.send_frame("SUBSCRIBE", headers)

    def send(self, destination, body, headers):
        # No content-length: the broker then hands the body to JMS consumers as a text message.
        frame_headers = {"destination": destination, "destination-type": "ANYCAST",
                         "content-type": "application/json"}
        frame_headers.update(headers)
        self.send_frame("SEND", frame_headers, body.encode("utf-8"))

    def read_frame(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            self.buffer = self.buffer.lstrip(b"\r\n")  # heart-beats are bare newlines
            frame = self._take_frame()
            if frame is not None:
                return frame
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no frame from the broker within %.0f s" % timeout)
            self._heart_beat_if_due()
            self.sock.settimeout(min(remaining, HEARTBEAT_SECONDS / 2))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                raise ConnectionError("broker closed the connection")
            self.buffer += chunk

    def _take_frame(self):
        end_of_headers = self.buffer.find(b"\n\n")
        if end_of_headers < 0:
            return None
        lines = self.buffer[:end_of_headers].decode("utf-8").replace("\r", "").split("\n")
        headers = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            headers.setdefault(key, _unescape(value))
        start = end_of_headers + 2
        if "content-length" in headers:
            end = start + int(headers["content-length"])
            if len(self.buffer) < end + 1:
                return None
        else:
            end = self.buffer.find(b"\x00", start)
            if end < 0:
                return None
        body = self.buffer[start:end]
        self.buffer = self.buffer[end + 1:]
        return lines[0], headers, body

    def close(self):
        try:
            self.send_frame("DISCONNECT", {})
        finally:
            self.sock.close()


def _escape(value):
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(":", "\\c")


def _unescape(value):
    return value.replace("\\n", "\n").replace("\\c", ":").replace("\\\\", "\\")


def ask(conn, question, correlation_id, timeout):
    conn.send(ASK_QUEUE, json.dumps({"question": question, "correlationId": correlation_id}),
              {"correlationId": correlation_id})
    return wait_for(conn, "answers", lambda body: body.get("correlationId") == correlation_id, timeout)


def wait_for(conn, sub_id, accept, timeout):
    # A message of the other subscription that came first (a job that failed before its answer was read) is kept
    # for the wait that wants it, not dropped.
    for kept in list(conn.kept):
        if kept[0] == sub_id and accept(kept[1]):
            conn.kept.remove(kept)
            return kept[1]
    deadline = time.monotonic() + timeout
    while True:
        command, headers, body = conn.read_frame(max(0.1, deadline - time.monotonic()))
        if command == "ERROR":
            raise ConnectionError("broker error: %s %s" % (headers.get("message"), body.decode("utf-8", "replace")))
        if command == "MESSAGE":
            payload = json.loads(body.decode("utf-8"))
            if headers.get("subscription") == sub_id:
                if accept(payload):
                    return payload
            else:
                conn.kept.append((headers.get("subscription"), payload))


def period_label(metric):
    """A balance (no start date) in the TTM row is the latest balance sheet's: show its date, not "TTM"."""
    if metric.get("period") == "TTM" and not metric.get("periodStart") and metric.get("periodEnd"):
        return "at " + metric["periodEnd"]
    return metric.get("period")


def print_answer(answer):
    print(answer.get("message", answer.get("status")))
    for metric in answer.get("metrics", []):
        if metric.get("status") == "available":
            source = metric.get("source", {})
            if source.get("accession"):
                where = "%s %s %s filed %s" % (source.get("concept"), source.get("form"), source["accession"],
                                               source.get("filed"))
            else:
                where = "derived from %s" % (source.get("derivedFrom") or "?")
            print("  %-26s %-13s %22s %-10s %s" % (metric["name"], period_label(metric), metric["value"],
                                                  metric.get("unit") or "", where.strip()))
        else:
            print("  %-26s %-13s %22s   %s" % (metric["name"], period_label(metric), metric["status"],
                                                metric.get("reason") or ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("question", nargs="+", help='e.g. "metrics for MSFT phase 1"')
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=61613)
    parser.add_argument("--login")
    parser.add_argument("--passcode")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for a fetch")
    args = parser.parse_args()
    question = " ".join(args.question)
    correlation_id = str(uuid.uuid4())
    try:
        conn = StompConnection(args.host, args.port, args.login, args.passcode)
    except OSError as error:
        print("cannot reach the broker at %s:%d: %s" % (args.host, args.port, error), file=sys.stderr)
        return 3
    try:
        # Subscribe before asking, so neither the answer nor the completion event can slip past.
        conn.subscribe("answers", ANSWER_TOPIC, selector="correlationId = '%s'" % correlation_id, multicast=True)
        conn.subscribe("events", EVENT_TOPIC, multicast=True)
        answer = ask(conn, question, correlation_id, 60)
        print_answer(answer)
        if answer["status"] == "error":
            return 2
        if answer["status"] == "failed":
            # The company's last job failed moments ago; the message says why and when asking again retries.
            return 1
        if answer["status"] == "fetching":
            job_id = answer["jobId"]
            event = wait_for(conn, "events", lambda e: e.get("jobId") == job_id, args.timeout)
            if event["status"] != "succeeded":
                print("Failed: %s" % event.get("reason"))
                return 1
            answer = ask(conn, question, correlation_id, 60)
            print_answer(answer)
        return 0 if answer["status"] == "ready" else 2
    except TimeoutError as error:
        print(str(error), file=sys.stderr)
        return 4
    except (ConnectionError, OSError) as error:
        print("lost the broker at %s:%d: %s" % (args.host, args.port, error), file=sys.stderr)
        return 3
    finally:
        try:
            conn.close()
        except OSError:
            pass


if __name__ == "__main__":
    sys.exit(main())
