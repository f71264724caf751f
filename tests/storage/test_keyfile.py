"""The key file: the data key wrapped in passphrase, recovery and keyring slots."""

from __future__ import annotations

import base64
import json
import secrets
import stat
import sys

import pytest

from linkworker_desktop.storage import keyfile as keyfile_module
from linkworker_desktop.storage.errors import KeyFileDamaged, KeyFileMissing, WeakPassphrase
from linkworker_desktop.storage.keyfile import KeyFile, normalise_recovery_key
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.fixture
def made(tmp_path):
    """A saved key file, its data key and its recovery key."""
    keyfile, data_key, recovery = KeyFile.create(tmp_path / "caseload.keys", PASSPHRASE, FAST_KDF)
    keyfile.save()
    return keyfile, data_key, recovery


def reload(keyfile: KeyFile) -> KeyFile:
    return KeyFile.load(keyfile.path)


def rewrite(path, change) -> None:
    doc = json.loads(path.read_text("utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), "utf-8")


def slot(doc, kind):
    return next(s for s in doc["slots"] if s["kind"] == kind)


def test_the_data_key_is_32_random_bytes(made, tmp_path):
    _, data_key, _ = made
    other_key = KeyFile.create(tmp_path / "other.keys", PASSPHRASE, FAST_KDF)[1]
    assert len(data_key) == 32
    assert data_key != other_key


def test_the_passphrase_slot_round_trips(made):
    keyfile, data_key, _ = made
    assert reload(keyfile).open_with_passphrase(PASSPHRASE) == data_key


def test_a_wrong_passphrase_opens_nothing(made):
    keyfile, _, _ = made
    assert reload(keyfile).open_with_passphrase(PASSPHRASE + "!") is None
    assert reload(keyfile).open_with_passphrase(PASSPHRASE.upper()) is None


def test_the_passphrase_is_compared_in_one_unicode_form(tmp_path):
    composed, decomposed = "caf\u00e9 au lait please", "cafe\u0301 au lait please"
    keyfile, data_key, _ = KeyFile.create(tmp_path / "k.keys", composed, FAST_KDF)
    assert keyfile.open_with_passphrase(decomposed) == data_key


def test_the_recovery_slot_round_trips(made):
    keyfile, data_key, recovery = made
    assert reload(keyfile).open_with_recovery(recovery) == data_key


def test_the_recovery_key_is_eight_groups_of_four(made):
    groups = made[2].split("-")
    assert len(groups) == 8
    assert all(len(g) == 4 and set(g) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for g in groups)


def test_the_recovery_key_is_accepted_in_lower_case_and_with_spaces(made):
    keyfile, data_key, recovery = made
    typed = "  " + recovery.lower().replace("-", " ") + " "
    assert reload(keyfile).open_with_recovery(typed) == data_key
    assert reload(keyfile).open_with_recovery(recovery.replace("-", "")) == data_key


def test_misread_characters_are_read_as_the_letters_they_look_like():
    assert normalise_recovery_key("0o1i-8b") == "OOIIBB"


def test_a_wrong_or_malformed_recovery_key_opens_nothing(made):
    keyfile, _, recovery = made
    other = keyfile_module.new_recovery_key()
    assert other != recovery
    assert reload(keyfile).open_with_recovery(other) is None
    assert reload(keyfile).open_with_recovery("ABCD") is None
    assert reload(keyfile).open_with_recovery("") is None


def test_the_keyring_slot_round_trips(made):
    keyfile, data_key, _ = made
    secret = secrets.token_bytes(32)
    keyfile.set_keyring(data_key, secret)
    keyfile.save()
    assert reload(keyfile).open_with_keyring(secret) == data_key
    assert reload(keyfile).open_with_keyring(secrets.token_bytes(32)) is None
    keyfile.remove_slot("keyring")
    keyfile.save()
    assert not reload(keyfile).has_slot("keyring")
    assert reload(keyfile).open_with_keyring(secret) is None


def test_a_new_passphrase_rewraps_the_same_data_key(made):
    keyfile, data_key, recovery = made
    keyfile.set_passphrase(data_key, "a different long passphrase", FAST_KDF)
    keyfile.save()
    again = reload(keyfile)
    assert again.open_with_passphrase("a different long passphrase") == data_key
    assert again.open_with_passphrase(PASSPHRASE) is None
    assert again.open_with_recovery(recovery) == data_key


def test_the_passphrase_slot_keeps_its_argon2id_cost(made):
    doc = json.loads(made[0].path.read_text("utf-8"))
    kdf = slot(doc, "passphrase")["kdf"]
    assert kdf["name"] == "argon2id"
    assert (kdf["iterations"], kdf["memory_kib"], kdf["lanes"]) == (
        FAST_KDF.iterations,
        FAST_KDF.memory_kib,
        FAST_KDF.lanes,
    )


def test_the_key_file_holds_no_key_or_passphrase_in_the_clear(made):
    keyfile, data_key, recovery = made
    text = keyfile.path.read_text("utf-8")
    for secret in (data_key.hex(), base64.b64encode(data_key).decode(), PASSPHRASE, recovery):
        assert secret not in text


@pytest.mark.parametrize("weak", ["", "          ", "short", "nine char"])
def test_weak_passphrases_are_refused(tmp_path, weak):
    with pytest.raises(WeakPassphrase):
        KeyFile.create(tmp_path / "k.keys", weak, FAST_KDF)
    assert not (tmp_path / "k.keys").exists()


@pytest.mark.parametrize("field", ["wrapped", "nonce"])
def test_a_flipped_byte_in_a_slot_is_rejected(made, field):
    keyfile, _, recovery = made

    def flip(doc):
        for kind in ("passphrase", "recovery"):
            raw = bytearray(base64.b64decode(slot(doc, kind)[field]))
            raw[len(raw) // 2] ^= 0x01
            slot(doc, kind)[field] = base64.b64encode(bytes(raw)).decode()

    rewrite(keyfile.path, flip)
    # Damage, not a wrong passphrase: it is reported as such and counts as no wrong try.
    with pytest.raises(KeyFileDamaged, match="passphrase slot does not match its checksum"):
        reload(keyfile).open_with_passphrase(PASSPHRASE)
    with pytest.raises(KeyFileDamaged, match="recovery slot does not match its checksum"):
        reload(keyfile).open_with_recovery(recovery)


def test_a_slot_moved_to_another_key_file_is_rejected(made, tmp_path):
    keyfile, _, _ = made
    other, _, _ = KeyFile.create(tmp_path / "other.keys", PASSPHRASE, FAST_KDF)
    other.save()
    stolen = slot(json.loads(keyfile.path.read_text("utf-8")), "passphrase")
    rewrite(other.path, lambda doc: doc.update(slots=[stolen]))
    # Same passphrase, but the slot (and its check) is bound to the first file's key id.
    with pytest.raises(KeyFileDamaged, match="does not match its checksum"):
        reload(other).open_with_passphrase(PASSPHRASE)
    reseal(other)
    assert reload(other).open_with_passphrase(PASSPHRASE) is None


def test_a_missing_key_file_says_so(tmp_path):
    with pytest.raises(KeyFileMissing, match="missing"):
        KeyFile.load(tmp_path / "nowhere.keys")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'"a string"',
        b'{"format": "something-else", "version": 1, "key_id": "x", "slots": [{}]}',
        b'{"format": "linkworker-keyfile", "version": 99, "key_id": "x", "slots": [{}]}',
        b'{"format": "linkworker-keyfile", "version": 1, "key_id": "x", "slots": []}',
        b'{"format": "linkworker-keyfile", "version": 1, "slots": [{"kind": "passphrase"}]}',
        b'{"format": "linkworker-keyfile", "version": 1, "key_id": "x", "slots": [1, "two"]}',
    ],
)
def test_a_garbled_key_file_is_damaged(tmp_path, content):
    path = tmp_path / "caseload.keys"
    path.write_bytes(content)
    with pytest.raises(KeyFileDamaged):
        KeyFile.load(path).open_with_passphrase(PASSPHRASE)


@pytest.mark.parametrize(
    "change",
    [
        {"iterations": 10**9},
        {"iterations": 0},
        {"memory_kib": 2**40},
        {"memory_kib": 4 * 1024 * 1024},
        {"iterations": 1000, "memory_kib": 1024 * 1024},
        {"memory_kib": 1},
        {"lanes": 0},
        {"lanes": 10**6},
        {"iterations": "many"},
        {"salt": "not base64!"},
        {"salt": ""},
    ],
    ids=lambda change: "-".join(f"{k}={v}" for k, v in change.items()),
)
def test_absurd_or_broken_argon2_parameters_are_damage_not_a_hang(made, change):
    keyfile, _, _ = made
    rewrite(keyfile.path, lambda doc: slot(doc, "passphrase")["kdf"].update(change))
    reseal(keyfile)  # past the checksum, so the bounds themselves are what refuse it
    with pytest.raises(KeyFileDamaged, match="passphrase slot"):
        reload(keyfile).open_with_passphrase(PASSPHRASE)


@pytest.mark.parametrize(
    "change",
    [{"nonce": 12345}, {"nonce": "AAAA"}, {"wrapped": None}, {"wrapped": "@@@"}],
    ids=lambda change: "-".join(f"{k}={v}" for k, v in change.items()),
)
def test_a_slot_with_unreadable_fields_is_damaged(made, change):
    keyfile, _, recovery = made
    rewrite(keyfile.path, lambda doc: slot(doc, "passphrase").update(change))
    with pytest.raises(KeyFileDamaged):
        reload(keyfile).open_with_passphrase(PASSPHRASE)
    assert reload(keyfile).open_with_recovery(recovery) is not None


def test_save_replaces_the_file_whole_and_leaves_no_temporary_file(made):
    keyfile, data_key, _ = made
    keyfile.set_passphrase(data_key, "another long passphrase", FAST_KDF)
    keyfile.save()
    assert sorted(p.name for p in keyfile.path.parent.iterdir()) == [
        "caseload.keys",
        "caseload.keys.copy",
    ]


def test_a_save_that_fails_part_way_leaves_the_old_file_working(made, monkeypatch):
    keyfile, data_key, _ = made
    before = keyfile.path.read_bytes()
    keyfile.set_passphrase(data_key, "another long passphrase", FAST_KDF)

    def power_cut(src, dst):
        raise OSError("disk unplugged")

    monkeypatch.setattr(keyfile_module.os, "replace", power_cut)
    with pytest.raises(OSError):
        keyfile.save()
    monkeypatch.undo()
    assert keyfile.path.read_bytes() == before
    assert reload(keyfile).open_with_passphrase(PASSPHRASE) == data_key


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_key_file_is_readable_by_its_owner_only(made):
    mode = stat.S_IMODE(made[0].path.stat().st_mode)
    assert mode == 0o600


def reseal(keyfile: KeyFile) -> None:
    """Recompute every slot's check, as someone editing the file on purpose would."""
    loaded = reload(keyfile)
    for each in loaded.slots:
        each.pop("check")
    loaded.add_missing_checks()
    loaded.save()


@pytest.mark.parametrize(
    ("kind", "change"),
    [
        ("passphrase", lambda s: s["kdf"].update(salt=base64.b64encode(b"\1" * 16).decode())),
        ("passphrase", lambda s: s["kdf"].update(iterations=s["kdf"]["iterations"] + 1)),
        ("passphrase", lambda s: s.update(nonce=base64.b64encode(b"\2" * 12).decode())),
        ("recovery", lambda s: s["kdf"].update(salt=base64.b64encode(b"\3" * 16).decode())),
    ],
    ids=["passphrase-salt", "passphrase-cost", "passphrase-nonce", "recovery-salt"],
)
def test_a_tampered_salt_cost_or_nonce_is_damage_not_a_wrong_key(made, kind, change):
    keyfile, data_key, recovery = made
    rewrite(keyfile.path, lambda doc: change(slot(doc, kind)))
    opener = {
        "passphrase": lambda k: k.open_with_passphrase(PASSPHRASE),
        "recovery": lambda k: k.open_with_recovery(recovery),
    }[kind]
    with pytest.raises(KeyFileDamaged, match=f"the {kind} slot does not match its checksum"):
        opener(reload(keyfile))
    other = "recovery" if kind == "passphrase" else "passphrase"
    assert {
        "passphrase": lambda k: k.open_with_passphrase(PASSPHRASE),
        "recovery": lambda k: k.open_with_recovery(recovery),
    }[other](reload(keyfile)) == data_key


def test_a_slot_edited_on_purpose_with_its_check_recomputed_reads_as_a_wrong_passphrase(made):
    """What stays ambiguous: AES-GCM cannot tell a forged slot from a wrong passphrase."""
    keyfile, _, _ = made
    rewrite(
        keyfile.path,
        lambda doc: slot(doc, "passphrase")["kdf"].update(
            salt=base64.b64encode(b"\1" * 16).decode()
        ),
    )
    reseal(keyfile)
    assert reload(keyfile).open_with_passphrase(PASSPHRASE) is None


def test_sixteen_passes_over_a_gibibyte_are_refused_before_any_derivation(made, monkeypatch):
    keyfile, _, _ = made
    rewrite(
        keyfile.path,
        lambda doc: slot(doc, "passphrase")["kdf"].update(iterations=16, memory_kib=1024 * 1024),
    )
    reseal(keyfile)
    derived = []
    monkeypatch.setattr(keyfile_module, "_derive_passphrase_key", lambda *a: derived.append(a))
    with pytest.raises(KeyFileDamaged, match="cost is out of range"):
        reload(keyfile).open_with_passphrase(PASSPHRASE)
    assert derived == []


def test_the_largest_cost_calibration_can_choose_is_accepted(made, monkeypatch):
    keyfile, _, _ = made
    ceiling = keyfile_module.MAX_KDF_WORK_KIB // (64 * 1024)
    assert ceiling == 64
    rewrite(
        keyfile.path,
        lambda doc: slot(doc, "passphrase")["kdf"].update(iterations=ceiling, memory_kib=64 * 1024),
    )
    reseal(keyfile)
    derived = []
    monkeypatch.setattr(
        keyfile_module, "_derive_passphrase_key", lambda *a: derived.append(a) or b"\0" * 32
    )
    assert reload(keyfile).open_with_passphrase(PASSPHRASE) is None  # a wrong key, not damage
    assert [params.iterations for _, _, params in derived] == [64]


def test_calibration_on_a_very_fast_machine_stops_at_the_ceiling(monkeypatch):
    monkeypatch.setattr(keyfile_module, "_derive_passphrase_key", lambda *a: b"")
    ticks = iter(range(10_000))
    monkeypatch.setattr(keyfile_module.time, "perf_counter", lambda: next(ticks) * 1e-6)
    params = keyfile_module.calibrate(target_seconds=0.5)
    assert (params.iterations, params.memory_kib) == (64, 64 * 1024)


def test_a_key_file_without_checks_still_opens_and_gets_them(made):
    keyfile, data_key, recovery = made
    rewrite(keyfile.path, lambda doc: [each.pop("check") for each in doc["slots"]])
    old = reload(keyfile)
    assert old.open_with_passphrase(PASSPHRASE) == data_key
    assert old.add_missing_checks() is True
    old.save()
    rewrite(
        keyfile.path,
        lambda doc: slot(doc, "recovery")["kdf"].update(salt=base64.b64encode(b"\3" * 16).decode()),
    )
    with pytest.raises(KeyFileDamaged):
        reload(keyfile).open_with_recovery(recovery)
