"""The mailer: every outbox email delivered exactly once, even with several mailers at
once, and nothing lost while the SMTP server is down."""

import secrets
import subprocess
import time

from accounts import sign_up_landlord
from stack import wait_for


def _insert_bulk(stack, tag: str, count: int):
    stack.sql(f"""
        INSERT INTO outbox (kind, recipient, recipient_name, subject, text_body, next_attempt_at, created_at)
        SELECT 'bulk', CONCAT('bulk', seq, '@example.com'), CONCAT('Tenant ', seq),
               CONCAT('{tag} #', seq), CONCAT('Message ', seq), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
        FROM seq_1_to_{count}""")


def _status_counts(stack, tag: str) -> dict[str, int]:
    rows = stack.sql(f"SELECT status, COUNT(*) FROM outbox WHERE subject LIKE '{tag} #%' GROUP BY status")
    return {status: int(n) for status, n in (line.split("\t") for line in rows.splitlines())}


def test_two_mailers_deliver_a_thousand_emails_each_exactly_once(stack):
    # Only the two mailer processes compete here: the responder runs without its own.
    stack.stop_responder()
    stack.start_responder("--no-mailer")
    try:
        tag = f"bulk-{secrets.token_hex(4)}"
        _insert_bulk(stack, tag, 1000)
        mailers = [subprocess.Popen([stack.binary, "mailer", "--until-empty"], env=stack.env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for _ in range(2)]
        outputs = [m.communicate(timeout=300) for m in mailers]
        assert [m.returncode for m in mailers] == [0, 0], [err[-2000:] for _, err in outputs]

        subjects = [m.subject for m in stack.emails() if m.subject.startswith(tag + " #")]
        assert len(subjects) == 1000
        assert len(set(subjects)) == 1000
        assert _status_counts(stack, tag) == {"sent": 1000}
        # Both processes did part of the work.
        for _, err in outputs:
            assert " mailer: sent #" in err
        # The log names the recipient's domain only, never the address.
        assert "bulk1@" not in outputs[0][1] + outputs[1][1]
    finally:
        stack.stop_responder()
        stack.start_responder()


def test_emails_wait_while_smtp_is_down_and_go_out_once_it_is_back(stack):
    stack.stop_smtp()
    try:
        _, email = sign_up_landlord(stack)

        def retried():
            row = stack.sql(f"SELECT status, attempts, last_error IS NOT NULL FROM outbox "
                            f"WHERE recipient = '{email}' AND kind = 'welcome'").split()
            return row and row[0] == "queued" and int(row[1]) >= 1 and row[2] == "1"

        wait_for(retried, timeout=20, what="a failed attempt recorded")
        assert not [m for m in stack.emails() if m.to == email]
    finally:
        stack.start_smtp()
    welcome = stack.wait_for_email(to=email, subject_contains="Welcome", timeout=40)
    assert "/login" in welcome.body
    wait_for(lambda: stack.sql(f"SELECT status FROM outbox WHERE recipient = '{email}'").strip() == "sent",
             timeout=10, what="row marked sent")
    time.sleep(2)
    assert len([m for m in stack.emails() if m.to == email]) == 1


def test_a_permanent_refusal_marks_the_email_failed_at_once(stack):
    # An address the mailer cannot use fails permanently without retries.
    stack.sql("""INSERT INTO outbox (kind, recipient, recipient_name, subject, text_body, next_attempt_at, created_at)
                 VALUES ('bulk', 'not an address', 'Nobody', 'bad address', 'x', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))""")
    wait_for(lambda: stack.sql("SELECT status FROM outbox WHERE recipient = 'not an address'").strip() == "failed",
             timeout=10, what="email marked failed")
    attempts, error = stack.sql(
        "SELECT attempts, last_error FROM outbox WHERE recipient = 'not an address'").strip().split("\t")
    assert attempts == "1" and error == "invalid_address"
