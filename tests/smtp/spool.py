#!/usr/bin/env python3
"""Print one line per message stored by server.py, in spool order:
envelope-recipient message-id notice subject attachment-name sha256-of-attachment
(the subject decoded from its RFC 2047 encoded-words, spaces as '_')."""
import email
import email.header
import email.policy
import glob
import hashlib
import os
import sys

for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    with open(path[:-4] + ".env") as f:
        rcpt = [l.split()[1] for l in f if l.startswith("to ")]
    att = [p for p in msg.iter_attachments()]
    name = att[0].get_filename() if att else "-"
    digest = hashlib.sha256(att[0].get_content()).hexdigest() if att else "-"
    subject = str(msg["Subject"]).replace(" ", "_")
    print(",".join(rcpt), msg["Message-ID"], msg["X-Esattore-Notice"], subject, name, digest)
