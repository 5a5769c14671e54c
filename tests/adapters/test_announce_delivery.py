"""``herald announce`` against real servers on loopback: an SMTP server (aiosmtpd) and HTTP receivers.

What a subscriber's mail server and a partner's webhook receive, that a second run sends nothing,
that an update dated later waits for its time, that one failing channel does not stop another,
and that the ledger is Herald's alone.
"""

from __future__ import annotations

import email
import json
import socket
import threading
from collections.abc import Iterator
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from generator.adapters.cli import main
from tests.conftest import ProjectFactory, add_outage, update

INCIDENT = "2026-11-20-withdrawals-down"
PAGE = f"https://status.example.com/incidents/{INCIDENT}/"
ANNOUNCE = """
announce:
  since: 2026-11-20T00:00:00+08:00
  channels:
    - {id: mail, format: email, languages: [en]}
    - {id: partners, format: webhook, languages: [en]}
    - {id: broken, format: webhook, languages: [en]}
"""


class Mailbox:
    """aiosmtpd's handler: keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


class Receiver(BaseHTTPRequestHandler):
    """Records each POST body; answers with the status the server was given."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.bodies.append(json.loads(body))  # type: ignore[attr-defined]
        self.send_response(self.server.status)  # type: ignore[attr-defined]
        self.end_headers()

    def log_message(self, *args) -> None:
        """Quiet."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    handler, port = Mailbox(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def receiver(status: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.bodies, server.status = [], status  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def webhook() -> Iterator[ThreadingHTTPServer]:
    server = receiver(200)
    yield server
    server.shutdown()


@pytest.fixture
def failing() -> Iterator[ThreadingHTTPServer]:
    server = receiver(500)
    yield server
    server.shutdown()


@pytest.fixture
def announcing(project: ProjectFactory) -> ProjectFactory:
    add_outage(project)
    config = project.root / "herald.yml"
    config.write_text(config.read_text(encoding="utf-8") + ANNOUNCE, encoding="utf-8")
    project.file(f"incidents/{INCIDENT}/2026-11-20T1300.md",
                 update("2026-11-20T13:00:00+08:00", "monitoring", body="A fix is out; we are watching."))
    return project


def urls(mail_port: int, hook: ThreadingHTTPServer, broken: ThreadingHTTPServer | None = None) -> str:
    listed = [f"mail=mailto://127.0.0.1:{mail_port}?from=status@example.com&to=list@example.com",
              f"partners=json://127.0.0.1:{hook.server_port}/hook"]
    if broken is not None:
        listed.append(f"broken=json://127.0.0.1:{broken.server_port}/hook")
    return " ".join(listed)


def announce(root: Path, now: str, env: str, *extra: str):
    return CliRunner().invoke(main, ["--root", str(root), "announce", "--now", now, *extra],
                              env={"HERALD_ANNOUNCE_URLS": env})


def parts(message: Message) -> dict[str, str]:
    return {part.get_content_type(): part.get_payload(decode=True).decode("utf-8")
            for part in message.walk() if not part.is_multipart()}


def test_the_mail_server_and_the_webhook_receive_each_update_once(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    result = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook))
    assert result.exit_code == 1, result.output  # the "broken" channel has no URL: reported, exit 1
    assert "no URL for channel 'broken'" in result.output
    subjects = sorted(m["Subject"] for m in box.messages)
    assert subjects == ["[Identified] Withdrawals are down", "[Investigating] Withdrawals are down"]
    identified = next(m for m in box.messages if m["Subject"].startswith("[Identified]"))
    body = parts(identified)
    assert set(body) == {"text/plain", "text/html"}
    assert PAGE in body["text/plain"] and f'href="{PAGE}"' in body["text/html"]
    assert "Cause found." in body["text/plain"] and "Cause found." in body["text/html"]
    assert [b["title"] for b in webhook.bodies] == ["", ""]  # the headline is in the message itself
    assert [b["message"].splitlines()[0] for b in webhook.bodies] == ["[Investigating] Withdrawals are down",
                                                                       "[Identified] Withdrawals are down"]
    assert all(b["message"].splitlines()[-1] == PAGE for b in webhook.bodies)

    again = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook))
    assert len(box.messages) == 2 and len(webhook.bodies) == 2, again.output  # nothing sent twice
    assert "0 sent" in again.output


def test_an_update_dated_later_waits_until_now_passes_it(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook))
    assert not any("Monitoring" in m["Subject"] for m in box.messages)
    announce(announcing.root, "2026-11-20T12:59:00+08:00", urls(port, webhook))
    assert not any("Monitoring" in m["Subject"] for m in box.messages)
    announce(announcing.root, "2026-11-20T13:00:00+08:00", urls(port, webhook))
    assert [m["Subject"] for m in box.messages].count("[Monitoring] Withdrawals are down") == 1
    assert [b["message"].splitlines()[0] for b in webhook.bodies].count("[Monitoring] Withdrawals are down") == 1


def test_a_failing_channel_does_not_stop_the_others_and_is_sent_again_later(announcing, mailbox, webhook,
                                                                              failing) -> None:
    box, port = mailbox
    result = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook, failing))
    assert result.exit_code == 1
    assert len(failing.bodies) == 2  # it was tried, answered 500 ...
    assert len(box.messages) == 2 and len(webhook.bodies) == 2  # ... and the others went out all the same
    assert result.output.count("FAILED") == 2 and "2026-11-20T0830/broken/en" in result.output
    assert "json://127.0.0.1: " in result.output and "/hook" not in result.output  # scheme and host, no path
    ledger = json.loads((announcing.root / "announced.json").read_text(encoding="utf-8"))["deliveries"]
    assert {k: v["state"] for k, v in ledger.items() if "/broken/" in k} == {
        f"{INCIDENT}/2026-11-20T0830/broken/en": "failed", f"{INCIDENT}/2026-11-20T1000/broken/en": "failed"}

    failing.status = 200  # type: ignore[attr-defined]  # the receiver is back
    again = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook, failing))
    assert again.exit_code == 0, again.output
    assert len(failing.bodies) == 4 and len(box.messages) == 2 and len(webhook.bodies) == 2


def test_a_run_that_stopped_while_sending_is_not_guessed_about(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    key = f"{INCIDENT}/2026-11-20T0830/mail/en"
    (announcing.root / "announced.json").write_text(json.dumps(
        {"herald-announce-ledger": 1, "deliveries": {key: {"state": "sending", "at": "2026-11-20T04:00:00+00:00"}}}),
        encoding="utf-8")
    result = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook))
    assert f"uncertain {key}" in result.output and result.exit_code == 1
    assert [m["Subject"] for m in box.messages] == ["[Identified] Withdrawals are down"]


def test_dry_run_sends_and_records_nothing(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    result = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook), "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"would send {INCIDENT}/2026-11-20T1000/mail/en (1 address)" in result.output
    assert "  | [Identified] Withdrawals are down" in result.output
    assert box.messages == [] and webhook.bodies == [] and not (announcing.root / "announced.json").exists()


def test_a_ledger_herald_did_not_write_is_refused_and_kept(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    foreign = announcing.root / "announced.json"
    foreign.write_text('{"mine": true}\n', encoding="utf-8")
    result = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook))
    assert result.exit_code == 1 and "Herald did not write it" in result.output
    assert foreign.read_text(encoding="utf-8") == '{"mine": true}\n' and box.messages == []


def test_urls_for_unknown_channels_are_named_without_their_secrets(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    result = announce(announcing.root, "2026-11-20T12:00:00+08:00",
                      "telegram=tgram://123456:SECRET-TOKEN/-100200 tgram://654321:OTHER-SECRET/1")
    assert "tagged 'telegram', which is not a channel" in result.output
    assert "(tgram://…) matches no channel's format" in result.output
    assert "SECRET" not in result.output and result.exit_code == 1


def test_a_retry_skips_the_addresses_that_already_have_it(announcing, mailbox, webhook, failing) -> None:
    box, port = mailbox
    both = (f"mail=mailto://127.0.0.1:{port}?from=status@example.com&to=list@example.com "
            f"partners=json://127.0.0.1:{webhook.server_port}/a partners=json://127.0.0.1:{failing.server_port}/b")
    first = announce(announcing.root, "2026-11-20T12:00:00+08:00", both)
    assert first.exit_code == 1 and len(webhook.bodies) == 2 and len(failing.bodies) == 2
    ledger = (announcing.root / "announced.json").read_text(encoding="utf-8")
    assert f":{webhook.server_port}" not in ledger and f":{failing.server_port}" not in ledger  # no address
    assert "json://127.0.0.1: " in ledger  # the failure names the scheme and host only
    failing.status = 200  # type: ignore[attr-defined]
    again = announce(announcing.root, "2026-11-20T12:00:00+08:00", both)
    assert again.exit_code == 1  # "broken" still has no URL
    assert len(webhook.bodies) == 2 and len(failing.bodies) == 4 and len(box.messages) == 2
    entries = json.loads((announcing.root / "announced.json").read_text(encoding="utf-8"))["deliveries"]
    assert {entries[f"{INCIDENT}/{u}/partners/en"]["state"] for u in ("2026-11-20T0830", "2026-11-20T1000")} == {"sent"}


def test_only_limits_a_dry_run_to_the_files_of_a_change(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    translation = announcing.root / "incidents" / INCIDENT / "2026-11-20T1000.zh.md"
    translation.write_text("---\n---\n已查明原因。\n", encoding="utf-8")
    result = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook), "--dry-run",
                      "--only", str(translation))
    keys = [line.split()[2] for line in result.output.splitlines() if line.startswith("would send")]
    assert keys == [f"{INCIDENT}/2026-11-20T1000/{c}/en" for c in ("mail", "partners", "broken")]
    folder = announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook), "--dry-run",
                      "--only", str(announcing.root / "incidents" / INCIDENT))
    assert "6 message(s) owed" in folder.output and box.messages == []


def test_a_signed_site_s_e_mails_link_the_update_s_signed_statement(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    CliRunner().invoke(main, ["--root", str(announcing.root), "announce", "--now", "2026-11-20T12:00:00+08:00"],
                       env={"HERALD_ANNOUNCE_URLS": urls(port, webhook), "HERALD_SIGNING_KEY": "(the key)"})
    statement = f"https://status.example.com/statements/{INCIDENT}/2026-11-20T1000.en.asc"
    identified = next(m for m in box.messages if m["Subject"].startswith("[Identified]"))
    assert f'href="{statement}"' in parts(identified)["text/html"]
    assert all("statements/" not in b["message"] for b in webhook.bodies)  # short channels keep their room


def test_an_unsigned_site_s_e_mails_link_no_statement(announcing, mailbox, webhook) -> None:
    box, port = mailbox
    announce(announcing.root, "2026-11-20T12:00:00+08:00", urls(port, webhook))
    assert box.messages and all("statements/" not in parts(m)["text/html"] for m in box.messages)


def test_an_x_url_that_would_send_a_direct_message_is_refused(project: ProjectFactory) -> None:
    from generator.adapters.announce import channel_urls
    from generator.content.settings import load_settings
    config = project.root / "herald.yml"
    config.write_text(config.read_text(encoding="utf-8") + "announce:\n  since: 2026-11-20T00:00:00+08:00\n"
                      "  channels:\n    - {id: x, format: x}\n", encoding="utf-8")
    settings, _ = load_settings(project.root)
    urls_by_channel, problems = channel_urls("x=x://ck/cs/ak/as x=x://ck/cs/ak/as?mode=tweet", settings.announce)
    assert urls_by_channel == {"x": ["x://ck/cs/ak/as?mode=tweet"]}
    assert problems == ["HERALD_ANNOUNCE_URLS: URL 1 (for 'x') has no mode=tweet: Apprise would send a direct "
                        "message, not a post; add ?mode=tweet"]
