"""The operating system's keyring, accepted only when it really protects secrets.

``keyrings.alt`` writes secrets to disk in plain text and the ``fail``/``null`` backends store
nothing, so none of them may hold a key to a caseload: the app then works with the passphrase
alone and says why the keyring option is off.
"""

from __future__ import annotations

import contextlib
import importlib.util
import secrets
from types import ModuleType
from typing import TYPE_CHECKING

from linkworker_desktop.storage.errors import KeyringUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "linkworker-desktop"
# keyrings.alt keeps secrets in files anyone who can read the disk can read.
PLAIN_TEXT_MODULE = "keyrings.alt"
_REJECTED_MODULES = (PLAIN_TEXT_MODULE, "keyring.backends.fail", "keyring.backends.null")


def _keyring() -> ModuleType:
    """The keyring package, loaded when first needed: it brings an HTTP stack with it, which a
    command given the passphrase on standard input never uses."""
    import keyring
    import keyring.errors

    return keyring


def _leaves(backend: KeyringBackend) -> list[KeyringBackend]:
    inner = getattr(backend, "backends", None)
    if inner is None:
        return [backend]
    return [leaf for child in inner for leaf in _leaves(child)]


def availability() -> tuple[bool, str]:
    """Whether a trustworthy keyring is present, and a sentence for the settings screen."""
    try:
        backend = _keyring().get_keyring()
    except Exception as exc:  # noqa: BLE001 - any backend failure means "not available"
        return False, f"The system keyring could not be loaded ({exc.__class__.__name__})."
    leaves = _leaves(backend)
    # A chain stores a new secret in its first backend, so that one must be trustworthy.
    if not leaves or type(leaves[0]).__module__.startswith(_REJECTED_MODULES):
        names = ", ".join(type(b).__module__ for b in leaves) or "none"
        return False, (
            "No secure system keyring was found on this computer "
            f"(only {names}), so the caseload opens with the passphrase alone."
        )
    return True, f"Using the system keyring ({type(leaves[0]).__name__})."


def plain_text_backends() -> list[str]:
    """The plain-text backends installed here: an installed app should carry none at all.

    ``availability`` already refuses them as the chosen backend; this looks at every backend the
    keyring library can find, so a bundle that picked one up by accident is caught before release.
    """
    keyring = _keyring()
    try:
        found = keyring.backend.get_all_keyring()
    except Exception:  # noqa: BLE001 - a broken backend is reported by availability()
        found = []
    names = [
        f"{type(b).__module__}.{type(b).__name__}"
        for b in found
        if type(b).__module__.startswith(PLAIN_TEXT_MODULE)
    ]
    if not names:
        try:
            installed = importlib.util.find_spec(PLAIN_TEXT_MODULE) is not None
        except ModuleNotFoundError:
            installed = False
        if installed:
            names.append(PLAIN_TEXT_MODULE)
    return names


def _require() -> None:
    ok, why = availability()
    if not ok:
        raise KeyringUnavailable(why)


def _account(key_id: str) -> str:
    return f"profile-{key_id}"


def store_new_secret(key_id: str) -> bytes:
    """Make a random slot secret, keep it in the keyring and return it."""
    _require()
    secret = secrets.token_bytes(32)
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, _account(key_id), secret.hex())
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"The system keyring refused to store the key ({exc}).") from exc
    return secret


def load_secret(key_id: str) -> bytes | None:
    """The slot secret for this profile, or None when the keyring has none or cannot be used."""
    if not availability()[0]:
        return None
    keyring = _keyring()
    try:
        value = keyring.get_password(SERVICE, _account(key_id))
    except keyring.errors.KeyringError:
        return None
    if not value:
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None


def forget_secret(key_id: str) -> None:
    if not availability()[0]:
        return
    keyring = _keyring()
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, _account(key_id))
