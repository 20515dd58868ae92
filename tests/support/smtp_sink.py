#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for the notify tests, built on Debian's python3-aiosmtpd.

  smtp_sink.py serve --port P --dir DIR [--auth USER:PASS] [--tls-cert C --tls-key K]
                     [--reject RCPT]
      Accepts mail and writes each message to DIR/NNNNNN.eml (atomically: temp file + rename).
      --auth requires AUTH PLAIN/LOGIN with these credentials; --tls-cert/--tls-key offer
      STARTTLS; --reject answers 550 to RCPT TO that address. Prints "ready" once listening and
      runs until SIGTERM.
  smtp_sink.py decode DIR
      Parses every DIR/*.eml with Python's email package (policy=default) and prints one JSON
      object per message: subject, from, to, message_id, date, content_type, parts (type, text),
      defects. Decoding is Python's, independent of the C++ encoder under test.

Runs only under /usr/bin/python3 (where Debian installs aiosmtpd).
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import ssl
import sys
import threading


def serve(args):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    os.makedirs(args.dir, exist_ok=True)
    lock = threading.Lock()
    counter = [len([f for f in os.listdir(args.dir) if f.endswith(".eml")])]

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if args.reject and address == args.reject:
                return "550 5.1.1 mailbox unavailable"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            with lock:
                counter[0] += 1
                name = os.path.join(args.dir, "%06d.eml" % counter[0])
            tmp = name + ".tmp"
            with open(tmp, "wb") as f:
                f.write(envelope.original_content or envelope.content)
            os.rename(tmp, name)
            with open(name + ".envelope", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                           "tls": session.ssl is not None,
                           "auth": session.authenticated}, f)
            return "250 Message accepted"

    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                  and auth_data.password.decode() == password)
            # handled=False: aiosmtpd then answers 535 itself (its default assumes we did).
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticator, auth_require_tls=False,
                      auth_required=True)
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs.update(tls_context=context)
    controller = Controller(Handler(), hostname="127.0.0.1", port=args.port,
                            decode_data=False, **kwargs)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


def decode(args):
    for name in sorted(os.listdir(args.dir)):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(args.dir, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        parts = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            parts.append({"type": part.get_content_type(), "text": part.get_content()})
        defects = [type(d).__name__ for d in msg.defects]
        for part in msg.walk():
            defects += [type(d).__name__ for d in part.defects]
        print(json.dumps({
            "file": name,
            "subject": str(msg["subject"]),
            "from": str(msg["from"]),
            "from_name": msg["from"].addresses[0].display_name,
            "from_addr": msg["from"].addresses[0].addr_spec,
            "to": [a.addr_spec for a in msg["to"].addresses],
            "message_id": str(msg["message-id"]),
            "date": str(msg["date"]),
            "content_type": msg.get_content_type(),
            "parts": parts,
            "defects": defects,
        }, ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--dir", required=True)
    s.add_argument("--auth")
    s.add_argument("--tls-cert")
    s.add_argument("--tls-key")
    s.add_argument("--reject")
    d = sub.add_parser("decode")
    d.add_argument("dir")
    args = parser.parse_args()
    serve(args) if args.command == "serve" else decode(args)


if __name__ == "__main__":
    main()
