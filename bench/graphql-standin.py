#!/usr/bin/env python3
"""A loopback stand-in for GitHub's GraphQL API, for bench/github-api.sh.

Answers POST /graphql with the aliased query shape awesome-lint sends
(`rN: repository(owner: "...", name: "...") { ... }` and `rateLimit`): every repository
exists, is not archived and was pushed recently. Each answer waits --latency-ms first, like
a real API call. Counts requests; `GET /__stats` returns {"requests": N, "repositories": M,
"max_in_flight": K}. Standard library only.

    graphql-standin.py --port 8790 --latency-ms 300
"""
import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ALIAS = re.compile(r'(r\d+): repository\(owner: "([^"]*)", name: "([^"]*)"\)')
LOCK = threading.Lock()
STATS = {"requests": 0, "repositories": 0, "max_in_flight": 0}
IN_FLIGHT = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    latency = 0.0

    def log_message(self, *args):
        pass

    def send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/__stats":
            with LOCK:
                self.send(200, dict(STATS))
        else:
            self.send(404, {"message": "Not Found"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path != "/graphql" or not self.headers.get("Authorization"):
            self.send(401, {"message": "Bad credentials"})
            return
        with LOCK:
            IN_FLIGHT[0] += 1
            STATS["max_in_flight"] = max(STATS["max_in_flight"], IN_FLIGHT[0])
        time.sleep(self.latency)
        query = json.loads(body).get("query", "")
        data = {}
        for alias, owner, name in ALIAS.findall(query):
            data[alias] = {
                "nameWithOwner": f"{owner}/{name}",
                "url": f"https://github.com/{owner}/{name}",
                "isArchived": False,
                "pushedAt": "2026-11-01T00:00:00Z",
            }
        data["rateLimit"] = {"remaining": 4999, "resetAt": "2030-01-01T00:00:00Z"}
        with LOCK:
            IN_FLIGHT[0] -= 1
            STATS["requests"] += 1
            STATS["repositories"] += len(data) - 1
        self.send(200, {"data": data})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=8790)
    p.add_argument("--latency-ms", type=float, default=300)
    a = p.parse_args()
    Handler.latency = a.latency_ms / 1000
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
