#!/usr/bin/env python3
"""A local SMTP server for send-notices' tests (Debian python3-aiosmtpd).

Listens on 127.0.0.1 on an ephemeral port (written to --port-file), stores
every accepted message as SPOOL/NNNN.eml with its envelope in NNNN.env, and
stops by itself after --lifetime seconds.  Knobs for the failure cases:

  --reject ADDR         RCPT TO ADDR gets 550 (permanent)
  --tempfail ADDR:N     the first N RCPT TO ADDR get 451 (temporary)
  --auth USER:PASS      require AUTH (PLAIN/LOGIN) with these credentials
  --hold-rcpt K         the K-th RCPT of the server's life touches SPOOL/holding
                        and waits --hold-seconds before answering 451
  --hold-data K         the K-th DATA touches SPOOL/holding, waits
                        --hold-seconds, then stores the message and answers 250
  --tls CERT:KEY        offer STARTTLS and require it (AUTH only after it)
  --smtps CERT:KEY      implicit TLS from the first byte (smtps://)
"""
import argparse
import asyncio
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spool", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--lifetime", type=float, default=120)
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--tempfail", action="append", default=[])
    ap.add_argument("--auth")
    ap.add_argument("--hold-rcpt", type=int, default=0)
    ap.add_argument("--hold-data", type=int, default=0)
    ap.add_argument("--hold-seconds", type=float, default=30)
    ap.add_argument("--tls")
    ap.add_argument("--smtps")
    a = ap.parse_args()
    os.makedirs(a.spool, exist_ok=True)
    tempfail = {}
    for t in a.tempfail:
        addr, n = t.rsplit(":", 1)
        tempfail[addr] = int(n)
    state = {"rcpt": 0, "data": 0, "stored": 0}

    def touch_holding():
        with open(os.path.join(a.spool, "holding"), "w") as f:
            f.write("holding\n")

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            state["rcpt"] += 1
            if a.hold_rcpt and state["rcpt"] == a.hold_rcpt:
                touch_holding()
                await asyncio.sleep(a.hold_seconds)
                return "451 4.3.0 held by the test"
            if address in a.reject:
                return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
            if tempfail.get(address, 0) > 0:
                tempfail[address] -= 1
                return "451 4.7.1 <%s>: try again later" % address
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            state["data"] += 1
            if a.hold_data and state["data"] == a.hold_data:
                touch_holding()
                await asyncio.sleep(a.hold_seconds)
            state["stored"] += 1
            base = os.path.join(a.spool, "%04d" % state["stored"])
            with open(base + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".env", "w") as f:
                f.write("from %s\n" % envelope.mail_from)
                for r in envelope.rcpt_tos:
                    f.write("to %s\n" % r)
            os.rename(base + ".tmp", base + ".eml")
            return "250 2.0.0 Ok: queued as %04d" % state["stored"]

    def authenticator(server, session, envelope, mechanism, auth_data):
        user, pw = a.auth.split(":", 1)
        ok = auth_data.login.decode() == user and auth_data.password.decode() == pw
        # handled=False: aiosmtpd then answers 535 itself
        return AuthResult(success=ok, handled=False)

    def context(spec):
        cert, key = spec.split(":", 1)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        return ctx

    kw = {}
    if a.auth:
        # with --smtps the whole connection is TLS, which aiosmtpd does not
        # know (it only tracks STARTTLS): AUTH must not wait for STARTTLS
        kw = dict(authenticator=authenticator, auth_required=True,
                  auth_require_tls=bool(a.tls))
    if a.tls:
        kw.update(tls_context=context(a.tls), require_starttls=True)
    server_ssl = context(a.smtps) if a.smtps else None

    async def run():
        loop = asyncio.get_running_loop()
        srv = await loop.create_server(
            lambda: SMTP(Handler(), hostname="test.invalid", decode_data=False, **kw),
            "127.0.0.1", 0, ssl=server_ssl)
        port = srv.sockets[0].getsockname()[1]
        with open(a.port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.rename(a.port_file + ".tmp", a.port_file)
        await asyncio.sleep(a.lifetime)
        srv.close()

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
