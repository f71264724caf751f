"""Make a laptop's schema refuse one record, as an older schema or a local clash would."""

from __future__ import annotations

REFUSED = "Dr Refused"
REASON = "It breaks a rule of this caseload: this laptop refuses it."


def refuse_referrals_from(laptop, referrer: str, trigger: str = "refuse_here") -> None:
    """A trigger that aborts the insert of a referral from ``referrer`` (only that one)."""
    laptop.profile.conn.execute(
        f"CREATE TRIGGER {trigger} BEFORE INSERT ON referrals"
        f" WHEN NEW.referrer_name = '{referrer}'"
        " BEGIN SELECT RAISE(ABORT, 'this laptop refuses it'); END"
    )


def allow_again(laptop, trigger: str = "refuse_here") -> None:
    """The cause put right: the trigger is gone."""
    laptop.profile.conn.execute(f"DROP TRIGGER {trigger}")
