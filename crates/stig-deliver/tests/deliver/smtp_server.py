"""An SMTP server for stig-deliver's tests (aiosmtpd from PyPI).

Listens on 127.0.0.1 (a free port, printed as the first line of stdout) and appends each
message to a JSON-lines log, raw and as Python's
stdlib email parser reads it (headers decoded, the text part's content). A recipient whose local part starts with `permanent` is refused
with 550, one starting with `busy` with 451.

usage: smtp_server.py LOG
"""

import email
import email.policy
import json
import socket
import sys
import time

from aiosmtpd.controller import Controller

LOG = sys.argv[1]


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("permanent"):
            return "550 5.1.1 no such mailbox"
        if address.startswith("busy"):
            return "451 4.3.2 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "data": envelope.content.decode("utf-8", "replace"),
                "headers": {k.lower(): str(v) for k, v in parsed.items()},
                "text": parsed.get_content(),
            }) + "\n")
        return "250 Message accepted for delivery"


with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
