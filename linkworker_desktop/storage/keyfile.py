"""The key file: the database's random data key, wrapped in one or more slots.

The database is keyed with 32 random bytes, never with the passphrase itself, so opening costs
no KDF and a passphrase change rewraps 60 bytes instead of re-encrypting the caseload.
Each slot wraps the same data key with AES-256-GCM under a key of its own:

- ``passphrase``: Argon2id with its parameters stored beside it (calibrated to about 0.5 s);
- ``recovery``: a 160-bit recovery key shown once at set-up (high entropy, so HKDF suffices);
- ``keyring``: a random secret kept in the operating system's keyring.

Each slot also carries ``check``, a SHA-256 of its other fields and the file's key id. It is
not a secret MAC (nothing secret is at hand before unlocking): it tells damage (a flipped
byte, a hand edit, a slot pasted from another file) from a wrong passphrase, so damage is
reported as damage and never counts as a wrong try. Someone who edits a slot on purpose and
recomputes the check still gets "wrong passphrase": AES-GCM cannot say which of the two it was.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from linkworker_desktop.storage.errors import KeyFileDamaged, KeyFileMissing, WeakPassphrase

FORMAT = "linkworker-keyfile"
VERSION = 1
DATA_KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10
# Ceilings for a stored Argon2id cost, checked before any derivation. A calibrated slot
# (64 MiB, ~0.5 s: a few to a few dozen passes) sits below them; 16 passes over 1 GiB took
# 21 s per unlock, and calibration never asks for more than 64 passes over 64 MiB.
MAX_KDF_MEMORY_KIB = 1024 * 1024
MAX_KDF_WORK_KIB = 64 * 64 * 1024
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. Stored in the slot so a file made on a fast laptop opens on a slow one."""

    iterations: int = 3
    memory_kib: int = 64 * 1024
    lanes: int = 4


def calibrate(target_seconds: float = 0.5, memory_kib: int = 64 * 1024) -> KdfParams:
    """Find the Argon2id iterations that take about ``target_seconds`` on this machine."""
    iterations = 1
    while True:
        params = KdfParams(iterations=iterations, memory_kib=memory_kib)
        started = time.perf_counter()
        _derive_passphrase_key("calibration", b"\0" * 16, params)
        took = time.perf_counter() - started
        if took >= target_seconds / 2 or iterations >= 64:
            scaled = max(2, round(iterations * target_seconds / max(took, 1e-3)))
            # A very fast machine stops at the ceiling a key file accepts.
            scaled = min(scaled, MAX_KDF_WORK_KIB // memory_kib)
            return KdfParams(iterations=scaled, memory_kib=memory_kib)
        iterations *= 2


def check_new_passphrase(passphrase: str) -> None:
    """Refuse passphrases too short to protect a caseload, with the reason."""
    if not passphrase or not passphrase.strip():
        raise WeakPassphrase("A passphrase is needed.")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(
            f"Use at least {MIN_PASSPHRASE_LENGTH} characters; a few words together are "
            "easier to remember than symbols."
        )


def new_recovery_key() -> str:
    """160 random bits written as eight groups of four letters and digits."""
    raw = secrets.token_bytes(20)
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("018", "OIB"))


def _derive_passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret)


def _derive_recovery_key(recovery_key: str, salt: bytes) -> bytes | None:
    cleaned = normalise_recovery_key(recovery_key)
    if len(cleaned) != 32 or any(ch not in _B32 for ch in cleaned):
        return None
    raw = base64.b32decode(cleaned)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"recovery slot").derive(raw)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    if not isinstance(text, str):  # a hand-edited file may hold a number or null here
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def copy_path(path: Path) -> Path:
    """Where the second copy of a key file lives: beside it, ``caseload.keys.copy``."""
    return path.with_name(path.name + ".copy")


def _write_atomically(path: Path, doc: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


class KeyFile:
    """The slots of one profile. Read with :meth:`load`, changed in memory, written atomically."""

    def __init__(self, path: Path, key_id: str, slots: list[dict[str, Any]]):
        self.path = path
        self.key_id = key_id
        self.slots = slots

    # --- creation and persistence -------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, params: KdfParams) -> tuple[KeyFile, bytes, str]:
        """A new key file with a fresh data key. Returns it, the data key and the recovery key."""
        check_new_passphrase(passphrase)
        keyfile = cls(path, secrets.token_hex(16), [])
        data_key = secrets.token_bytes(DATA_KEY_BYTES)
        keyfile.set_passphrase(data_key, passphrase, params)
        recovery = new_recovery_key()
        keyfile.set_recovery(data_key, recovery)
        return keyfile, data_key, recovery

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        if not path.exists():
            raise KeyFileMissing(str(path))
        try:
            doc = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KeyFileDamaged(str(path), "not readable as a key file") from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise KeyFileDamaged(str(path), "not a Linkworker key file")
        if doc.get("version") != VERSION:
            raise KeyFileDamaged(str(path), f"key file version {doc.get('version')!r} is unknown")
        slots = doc.get("slots")
        key_id = doc.get("key_id")
        if not isinstance(slots, list) or not isinstance(key_id, str) or not slots:
            raise KeyFileDamaged(str(path), "it has no key slots")
        if not all(isinstance(slot, dict) for slot in slots):
            raise KeyFileDamaged(str(path), "a key slot is unreadable")
        return cls(path, key_id, slots)

    def save(self) -> None:
        """Write the file and its second copy, each through a temporary file and a rename.

        The key file holds the only wrapped copies of the data key, so losing it loses the
        caseload; the copy beside it (read back and compared before it counts) means one damaged
        or deleted file never does. A crash leaves each file old or new, never half written.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(self.path, self.document())
        self.save_copy()

    def document(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "key_id": self.key_id, "slots": self.slots}

    def save_copy(self) -> None:
        """Write the second copy beside the file, and read it back to prove it is the same."""
        doc = self.document()
        copy = copy_path(self.path)
        _write_atomically(copy, doc)
        if json.loads(copy.read_text("utf-8")) != doc:
            copy.unlink(missing_ok=True)
            raise OSError(f"the second copy of the key file {copy} did not read back the same")

    def copy_is_current(self) -> bool:
        """True when the second copy beside the file holds exactly these slots."""
        try:
            return bool(json.loads(copy_path(self.path).read_text("utf-8")) == self.document())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return False

    # --- slots ---------------------------------------------------------------------------------

    def _slot(self, kind: str) -> dict[str, Any] | None:
        return next((s for s in self.slots if s.get("kind") == kind), None)

    def has_slot(self, kind: str) -> bool:
        return self._slot(kind) is not None

    def _put_slot(self, slot: dict[str, Any]) -> None:
        slot["check"] = self._check(slot)
        self.slots = [s for s in self.slots if s.get("kind") != slot["kind"]] + [slot]

    def _check(self, slot: dict[str, Any]) -> str:
        fields = {k: v for k, v in slot.items() if k != "check"}
        text = json.dumps([FORMAT, self.key_id, fields], sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _verify(self, slot: dict[str, Any]) -> None:
        """Damage is the key file's fault, not the person's: say so before trying any key."""
        check = slot.get("check")
        if check is not None and check != self._check(slot):
            raise KeyFileDamaged(
                str(self.path), f"the {slot.get('kind')} slot does not match its checksum"
            )

    def add_missing_checks(self) -> bool:
        """Give slots written before checks existed their check; True when any was added."""
        missing = [slot for slot in self.slots if "check" not in slot]
        for slot in missing:
            slot["check"] = self._check(slot)
        return bool(missing)

    def remove_slot(self, kind: str) -> None:
        self.slots = [s for s in self.slots if s.get("kind") != kind]

    def _aad(self, kind: str) -> bytes:
        return f"{FORMAT}:{self.key_id}:{kind}".encode()

    def _wrap(self, kind: str, wrapping_key: bytes, data_key: bytes) -> dict[str, Any]:
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(wrapping_key).encrypt(nonce, data_key, self._aad(kind))
        return {"kind": kind, "nonce": _b64(nonce), "wrapped": _b64(wrapped)}

    def _unwrap(self, slot: dict[str, Any], wrapping_key: bytes) -> bytes | None:
        try:
            nonce = _unb64(slot["nonce"])
            wrapped = _unb64(slot["wrapped"])
            if len(nonce) != 12:
                raise ValueError("AES-GCM nonces here are 12 bytes")
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyFileDamaged(
                str(self.path), f"the {slot.get('kind')} slot is unreadable"
            ) from exc
        try:
            key = AESGCM(wrapping_key).decrypt(nonce, wrapped, self._aad(slot["kind"]))
        except InvalidTag:
            return None
        if len(key) != DATA_KEY_BYTES:
            raise KeyFileDamaged(str(self.path), "the wrapped key has the wrong length")
        return key

    def set_passphrase(self, data_key: bytes, passphrase: str, params: KdfParams) -> None:
        check_new_passphrase(passphrase)
        salt = secrets.token_bytes(16)
        slot = self._wrap("passphrase", _derive_passphrase_key(passphrase, salt, params), data_key)
        slot["kdf"] = {"name": "argon2id", "salt": _b64(salt), **asdict(params)}
        self._put_slot(slot)

    def open_with_passphrase(self, passphrase: str) -> bytes | None:
        """The data key, or None if the passphrase is wrong."""
        slot = self._slot("passphrase")
        if slot is None:
            raise KeyFileDamaged(str(self.path), "it has no passphrase slot")
        self._verify(slot)
        try:
            kdf = slot["kdf"]
            params = KdfParams(int(kdf["iterations"]), int(kdf["memory_kib"]), int(kdf["lanes"]))
            salt = _unb64(kdf["salt"])
            if len(salt) < 8:
                raise ValueError("Argon2id needs a salt of 8 bytes or more")
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyFileDamaged(str(self.path), "the passphrase slot is unreadable") from exc
        if not (
            1 <= params.iterations <= 1000
            and 8 * params.lanes <= params.memory_kib <= MAX_KDF_MEMORY_KIB
            and params.iterations * params.memory_kib <= MAX_KDF_WORK_KIB
            and 1 <= params.lanes <= 64
        ):
            # A tampered file must not make the laptop grind for hours or run out of memory.
            raise KeyFileDamaged(str(self.path), "the passphrase slot's cost is out of range")
        return self._unwrap(slot, _derive_passphrase_key(passphrase, salt, params))

    def set_recovery(self, data_key: bytes, recovery_key: str) -> None:
        salt = secrets.token_bytes(16)
        wrapping = _derive_recovery_key(recovery_key, salt)
        if wrapping is None:
            raise ValueError("malformed recovery key")
        slot = self._wrap("recovery", wrapping, data_key)
        slot["kdf"] = {"name": "hkdf-sha256", "salt": _b64(salt)}
        self._put_slot(slot)

    def open_with_recovery(self, recovery_key: str) -> bytes | None:
        slot = self._slot("recovery")
        if slot is None:
            raise KeyFileDamaged(str(self.path), "it has no recovery slot")
        self._verify(slot)
        try:
            salt = _unb64(slot["kdf"]["salt"])
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyFileDamaged(str(self.path), "the recovery slot is unreadable") from exc
        wrapping = _derive_recovery_key(recovery_key, salt)
        if wrapping is None:
            return None
        return self._unwrap(slot, wrapping)

    def set_keyring(self, data_key: bytes, slot_secret: bytes) -> None:
        self._put_slot(self._wrap("keyring", slot_secret, data_key))

    def open_with_keyring(self, slot_secret: bytes) -> bytes | None:
        slot = self._slot("keyring")
        if slot is None:
            return None
        self._verify(slot)
        return self._unwrap(slot, slot_secret)
