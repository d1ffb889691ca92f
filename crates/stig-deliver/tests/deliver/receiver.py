"""A webhook receiver for stig-deliver's tests.

Listens on 127.0.0.1 (a free port, printed as the first line of stdout), verifies each
request with the official Standard Webhooks library, appends what it got to a JSON-lines log,
and answers from a status sequence (the last status repeats).

usage: receiver.py LOG SECRET STATUSES [SLEEP_SECONDS]
  e.g. receiver.py /tmp/log.jsonl whsec_... 503,503,200
"""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

LOG, SECRET, STATUSES = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3].split(",")]
SLEEP = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
lock = threading.Lock()
count = 0


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            Webhook(SECRET).verify(body, headers)
            verified, error = True, None
        except Exception as e:  # noqa: BLE001 - any failure is recorded
            verified, error = False, repr(e)
        with lock:
            status = STATUSES[min(count, len(STATUSES) - 1)]
            count += 1
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(json.dumps({
                    "method": "POST",
                    "path": self.path,
                    "headers": headers,
                    "body": body.decode("utf-8", "replace"),
                    "verified": verified,
                    "error": error,
                    "answered": status,
                }) + "\n")
        if SLEEP:
            time.sleep(SLEEP)
        answer = json.dumps({"status": status, "detail": "answer from the test receiver " + "x" * 300}).encode()
        try:
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("location", "http://169.254.169.254/latest/meta-data/")
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        except OSError:
            pass  # the client gave up (the timeout test)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
