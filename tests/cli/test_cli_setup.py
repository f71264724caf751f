"""``linkworker init``, ``change-passphrase`` and ``recover``."""

from __future__ import annotations

import getpass

from linkworker_desktop.cli.main import main
from linkworker_desktop.services import profile
from linkworker_desktop.storage.keyfile import KeyFile
from tests.cli.conftest import RECOVERY_KEY
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "a new passphrase for the laptop"


def test_init_makes_an_encrypted_caseload_and_prints_the_recovery_key_once(cli, data_dir):
    result = cli("init", "--worker", "Sam Patel", "--team", "North PCN", stdin=PASSPHRASE + "\n")
    assert result.code == 0
    assert result.err == ""
    assert len(RECOVERY_KEY.findall(result.out)) == 1
    assert str(data_dir) in result.out
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        assert (opened.worker_name, opened.team_name) == ("Sam Patel", "North PCN")
    finally:
        opened.close()


def test_the_printed_recovery_key_really_opens_the_caseload(cli, initialised, data_dir):
    keyfile = KeyFile.load(profile.ProfileFiles(data_dir).keys)
    assert keyfile.open_with_recovery(initialised) is not None


def test_init_twice_is_refused_and_keeps_the_first(cli, initialised, data_dir):
    keys = profile.ProfileFiles(data_dir).keys.read_bytes()
    result = cli("init", "--worker", "Someone Else", stdin="another long passphrase\n")
    assert result.code == 1
    assert "already exists" in result.err
    assert profile.ProfileFiles(data_dir).keys.read_bytes() == keys


def test_init_with_a_short_passphrase_is_refused(cli, data_dir):
    result = cli("init", "--worker", "Sam Patel", stdin="short\n")
    assert result.code == 1
    assert "10 characters" in result.err
    assert not profile.ProfileFiles(data_dir).exists()


def test_init_without_a_name_uses_the_computer_account(cli, data_dir, monkeypatch):
    monkeypatch.setattr(profile, "default_worker_name", lambda: "Account Holder")
    assert cli("init", stdin=PASSPHRASE + "\n").code == 0
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    assert opened.worker_name == "Account Holder"
    opened.close()


def test_change_passphrase_reads_the_current_then_the_new_one(cli, initialised, data_dir):
    database = profile.ProfileFiles(data_dir).database
    before = database.read_bytes()
    result = cli("change-passphrase", stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert result.code == 0, result.err
    assert "Passphrase changed" in result.out
    assert database.read_bytes() == before
    assert cli("patients", stdin=NEW_PASSPHRASE + "\n").code == 0
    assert cli("patients", stdin=PASSPHRASE + "\n").code == 1


def test_recover_sets_a_new_passphrase_and_prints_a_new_recovery_key(cli, initialised):
    result = cli("recover", stdin=f"{initialised.lower()}\n{NEW_PASSPHRASE}\n")
    assert result.code == 0, result.err
    (fresh,) = RECOVERY_KEY.findall(result.out)
    assert fresh != initialised
    assert cli("patients", stdin=NEW_PASSPHRASE + "\n").code == 0
    again = cli("recover", stdin=f"{initialised}\nyet another passphrase\n")
    assert again.code == 1
    assert "recovery key does not open" in again.err


def test_standard_input_that_ends_early_is_explained(cli, initialised):
    result = cli("change-passphrase", stdin=PASSPHRASE + "\n")
    assert result.code == 1
    assert "standard input" in result.err


def test_keyring_enable_lets_later_commands_skip_the_passphrase(
    cli, initialised, data_dir, capsys, monkeypatch
):
    assert cli("keyring", "enable", stdin=PASSPHRASE + "\n").code == 0

    def no_terminal(prompt=""):
        raise AssertionError("asked for a passphrase although the keyring holds the key")

    monkeypatch.setattr(getpass, "getpass", no_terminal)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "patients", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_keyring_status_without_a_keyring_says_why(cli, no_keyring):
    result = cli("keyring", "status")
    assert result.code == 1
    assert "passphrase alone" in result.out


def test_keyring_enable_without_a_keyring_fails_in_one_sentence(cli, initialised, no_keyring):
    result = cli("keyring", "enable", stdin=PASSPHRASE + "\n")
    assert result.code == 1
    assert "passphrase alone" in result.err
    assert cli("patients", stdin=PASSPHRASE + "\n").code == 0
