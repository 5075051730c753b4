#!/usr/bin/env python3
"""A fake machine-translation server for the http translator's tests.

Listens on 127.0.0.1 only, on a free port (bound as port 0), and prints the
port on its first output line.  It exits by itself after --lifetime seconds
or --max-requests requests, whichever comes first.

The first path component selects the behaviour; the API is what follows:
  /ok/translate                  LibreTranslate: translatedText = "EN:" + q
  /ok/v1/chat/completions        OpenAI: choices[0].message.content = "EN:" + user text
  /slow/...                      sleeps 3 s before answering (beyond the test timeout)
  /flaky/...                     500 on the first request, then like /ok
  /busy/...                      429 with Retry-After: 1 on the first request, then like /ok
  /hugewait/...                  429 with Retry-After: 9223372036854775807 (2^63 - 1) first, then like /ok
  /garbage/...                   200 with a body that is not JSON
  /wrongshape/...                200 with JSON of the wrong shape
  /down/...                      always 503
Every request is appended to the log file given with --log (one line:
mode, path, number of texts, Authorization header present or not).
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

counts = {}
lock = threading.Lock()


def translate(t):
    return "EN:" + t


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def reply(self, status, body, headers=()):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        parts = self.path.strip("/").split("/", 1)
        mode, api = parts[0], "/" + (parts[1] if len(parts) > 1 else "")
        with lock:
            counts[mode] = counts.get(mode, 0) + 1
            nth = counts[mode]
            self.server.total += 1
        try:
            req = json.loads(raw)
        except ValueError:
            self.reply(400, '{"error":"bad json"}')
            return
        if api == "/translate":
            q = req.get("q")
            texts = q if isinstance(q, list) else [q]
        else:
            texts = [m["content"] for m in req.get("messages", []) if m.get("role") == "user"]
        if self.server.log:
            with lock, open(self.server.log, "a", encoding="utf-8") as f:
                auth = "auth" if (self.headers.get("Authorization") or req.get("api_key")) else "noauth"
                key = self.headers.get("Authorization") or req.get("api_key") or ""
                f.write(f"{mode}\t{api}\t{len(texts)}\t{auth}\t{key}\n")
        if mode == "slow":
            time.sleep(3)
        elif mode == "flaky" and nth == 1:
            self.reply(500, '{"error":"internal"}')
            return
        elif mode == "busy" and nth == 1:
            self.reply(429, '{"error":"slow down"}', [("Retry-After", "1")])
            return
        elif mode == "hugewait" and nth == 1:
            self.reply(429, '{"error":"slow down"}', [("Retry-After", "9223372036854775807")])
            return
        elif mode == "garbage":
            self.reply(200, "<html>this is not json")
            return
        elif mode == "wrongshape":
            self.reply(200, '{"translated": 42}')
            return
        elif mode == "down":
            self.reply(503, '{"error":"down"}')
            return
        if api == "/translate":
            out = [translate(t) for t in texts]
            self.reply(200, json.dumps({"translatedText": out if isinstance(q, list) else out[0]}))
        elif api == "/v1/chat/completions":
            if not req.get("model"):
                self.reply(400, '{"error":"no model"}')
                return
            body = {"id": "x", "object": "chat.completion",
                    "choices": [{"index": 0, "message": {"role": "assistant",
                                                         "content": translate(texts[0]) + "\n"},
                                 "finish_reason": "stop"}]}
            self.reply(200, json.dumps(body))
        else:
            self.reply(404, '{"error":"not found"}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lifetime", type=float, default=60)
    ap.add_argument("--max-requests", type=int, default=500)
    ap.add_argument("--log")
    a = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.total = 0
    srv.log = a.log
    print(srv.server_address[1], flush=True)
    deadline = time.time() + a.lifetime
    srv.timeout = 0.2
    while time.time() < deadline and srv.total < a.max_requests:
        srv.handle_request()
    srv.server_close()


if __name__ == "__main__":
    sys.exit(main())
