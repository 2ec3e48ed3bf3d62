"""Key slots: the database's random key, sealed once per account, each account's part opened by its own password.

As LUKS and KeePassXC do, each person unlocks with their own password, and changing a password
changes one slot only. Each account has a key pair (X25519): the private half is wrapped with a key
made from the password (scrypt, memory-hard, OWASP's minimum cost; then AES-GCM); the database key is
sealed to the public half. So anyone signed in can seal a NEW database key to every account without
knowing their passwords: removing an account removes its slot and changes the database key, and a
copy of the old key file no longer opens the database (SPEC 8: removing a user removes their access).

The slots live in a small file beside the database (`records.db.keys`), because an encrypted database
cannot be read before it is unlocked. Every backup gets a copy of the slots as they were, beside it.
User names and the database's id are bound into every wrapping, so a slot cannot be moved to another
account or file. A wrong password fails the GCM tag check: nothing about a password is stored anywhere.
While the key is being changed, slots hold the new key and the old one, so a crash at any moment leaves
a database that opens.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from ..domain.errors import UserFacingError
from ..domain.roles import normalise_username
from .driver import KEY_BYTES

FORMAT = "inspect-app key slots"
VERSION = 1
SUFFIX = ".keys"


@dataclass(frozen=True)
class Cost:
    """scrypt's work factors; stored in each slot, so a stronger default later leaves old slots readable."""

    n: int
    r: int = 8
    p: int = 1

    @property
    def memory(self) -> int:
        return 128 * self.r * self.n


DEFAULT_COST = Cost(2 ** 17)   # OWASP: N=2^17, r=8, p=1 (128 MiB); about half a second on an office PC


class WrongPassword(UserFacingError):
    """The user name and password do not open this database."""

    def __init__(self):
        super().__init__("that user name and password do not open this database. Check the spelling and "
                         "Caps Lock; if you have forgotten your password, a manager can set a new one.")


class KeyFileProblem(UserFacingError):
    """The key file is missing or damaged."""


def key_file_for(database: Path | str) -> Path:
    database = Path(database)
    return database.with_name(database.name + SUFFIX)


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _kek(password: str, salt: bytes, cost: Cost) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                          maxmem=cost.memory + 16 * 1024 * 1024, dklen=32)


def _box_key(shared: bytes, ephemeral: bytes, public: bytes, aad: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=ephemeral + public + aad).derive(shared)


def _raw(public_or_private) -> bytes:
    if isinstance(public_or_private, X25519PrivateKey):
        return public_or_private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return public_or_private.public_bytes(Encoding.Raw, PublicFormat.Raw)


class KeySlots:
    """The slots of one database, in memory; `save` writes them atomically beside the database."""

    def __init__(self, path: Path, database_id: str, slots: dict[str, dict]):
        self.path = path
        self.database_id = database_id
        self.slots = slots

    @classmethod
    def new(cls, database: Path | str) -> "KeySlots":
        return cls(key_file_for(database), secrets.token_hex(16), {})

    @classmethod
    def load(cls, database: Path | str) -> "KeySlots":
        path = key_file_for(database)
        advice = ("Put back the copy of this file from the backup folder (each backup has its own .keys file "
                  "beside it).")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KeyFileProblem(f"the key file {path.name}, which lets each account unlock {Path(database).name}, "
                                 f"is missing. {advice}") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise KeyFileProblem(f"the key file {path.name} cannot be read ({exc}). {advice}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("slots"), dict):
            raise KeyFileProblem(f"{path.name} is not a key file of this program. {advice}")
        if data.get("version", 0) > VERSION:
            raise KeyFileProblem(f"{path.name} was written by a newer version of this program; install it to "
                                 "open this database. Nothing was changed.")
        return cls(path, str(data["database_id"]), dict(data["slots"]))

    @property
    def usernames(self) -> list[str]:
        return sorted(self.slots)

    def _aad(self, username: str, part: str) -> bytes:
        return f"{FORMAT} {VERSION}|{self.database_id}|{username}|{part}".encode("utf-8")

    # opening -------------------------------------------------------------------------------------
    def private_key(self, username: str, password: str) -> X25519PrivateKey:
        """This account's private key, if the password is right; WrongPassword otherwise."""
        name = normalise_username(username)
        slot = self.slots.get(name)
        if slot is None:
            # the same work as a real attempt, so the time taken does not tell which user names exist
            _kek(password, b"\0" * 16, Cost(**_cost_of(next(iter(self.slots.values()), {}))))
            raise WrongPassword()
        try:
            kek = _kek(password, _unb64(slot["salt"]), Cost(**_cost_of(slot)))
            raw = AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["private"]), self._aad(name, "private"))
        except InvalidTag:
            raise WrongPassword() from None
        except (KeyError, TypeError, ValueError) as exc:
            raise self._damaged(name, exc) from exc
        return X25519PrivateKey.from_private_bytes(raw)

    def candidates(self, username: str, password: str) -> list[bytes]:
        """The database keys this account's slot holds: one, or the new and the old while the key changes."""
        name = normalise_username(username)
        private = self.private_key(name, password)
        sealed = self.slots[name]["sealed"]
        try:
            ephemeral, public = _unb64(sealed["ephemeral"]), _raw(private.public_key())
            aad = self._aad(name, "sealed")
            shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
            keys = AESGCM(_box_key(shared, ephemeral, public, aad)).decrypt(
                _unb64(sealed["nonce"]), _unb64(sealed["box"]), aad)
        except (InvalidTag, KeyError, TypeError, ValueError) as exc:
            raise self._damaged(name, exc) from exc
        return [keys[i:i + KEY_BYTES] for i in range(0, len(keys), KEY_BYTES)]

    def unlock(self, username: str, password: str) -> bytes:
        """The current database key, if this password opens this account's slot; WrongPassword otherwise."""
        return self.candidates(username, password)[0]

    def _damaged(self, name: str, exc: Exception) -> KeyFileProblem:
        return KeyFileProblem(f"the key slot for {name} in {self.path.name} is damaged ({exc}); another account, "
                              "or a backup of the key file, can still open the database")

    # changing -----------------------------------------------------------------------------------
    def set_slot(self, username: str, password: str, key: bytes | list[bytes], cost: Cost | None = None) -> None:
        """A new key pair for this account, its private half locked by `password`, holding `key`; call save()."""
        name = normalise_username(username)
        private = X25519PrivateKey.generate()
        self.slots[name] = {"public": _b64(_raw(private.public_key()))}
        self._lock_private(name, private, password, cost)
        self._seal(name, key if isinstance(key, list) else [key])

    def change_password(self, username: str, current: str, new: str) -> None:
        """The same key pair, locked with the new password; WrongPassword if `current` is wrong."""
        name = normalise_username(username)
        self._lock_private(name, self.private_key(name, current), new, None)

    def seal_all(self, keys: list[bytes]) -> None:
        """Every account's slot to hold `keys` (newest first): needs nobody's password."""
        for name in self.slots:
            self._seal(name, keys)

    def remove_slot(self, username: str) -> None:
        self.slots.pop(normalise_username(username), None)

    def _lock_private(self, name: str, private: X25519PrivateKey, password: str, cost: Cost | None) -> None:
        cost = cost or DEFAULT_COST
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapped = AESGCM(_kek(password, salt, cost)).encrypt(nonce, _raw(private), self._aad(name, "private"))
        self.slots[name].update({"salt": _b64(salt), "nonce": _b64(nonce), "private": _b64(wrapped),
                                 "cost": {"n": cost.n, "r": cost.r, "p": cost.p}})

    def _seal(self, name: str, keys: list[bytes]) -> None:
        if not keys or any(len(k) != KEY_BYTES for k in keys):
            raise ValueError("database keys are 32 bytes each")
        public = _unb64(self.slots[name]["public"])
        ephemeral_private = X25519PrivateKey.generate()
        ephemeral, aad = _raw(ephemeral_private.public_key()), self._aad(name, "sealed")
        shared = ephemeral_private.exchange(X25519PublicKey.from_public_bytes(public))
        nonce = secrets.token_bytes(12)
        box = AESGCM(_box_key(shared, ephemeral, public, aad)).encrypt(nonce, b"".join(keys), aad)
        self.slots[name]["sealed"] = {"ephemeral": _b64(ephemeral), "nonce": _b64(nonce), "box": _b64(box)}

    # writing ------------------------------------------------------------------------------------
    def text(self) -> str:
        return json.dumps({"format": FORMAT, "version": VERSION, "database_id": self.database_id,
                           "slots": self.slots}, indent=1, sort_keys=True) + "\n"

    def save(self, path: Path | None = None) -> Path:
        """Write atomically (a new file, flushed, then renamed over the old), here or to `path`."""
        target = path or self.path
        write_atomically(target, self.text().encode("utf-8"))
        return target

    def copy_beside(self, database: Path | str) -> Path:
        """These slots, beside another file (a backup) so that it opens with the same passwords."""
        return self.save(key_file_for(database))


def _cost_of(slot: dict) -> dict:
    cost = slot.get("cost") or {}
    return {"n": int(cost.get("n", DEFAULT_COST.n)), "r": int(cost.get("r", DEFAULT_COST.r)),
            "p": int(cost.get("p", DEFAULT_COST.p))}


def write_atomically(target: Path, data: bytes) -> None:
    partial = target.with_name(target.name + ".partial")
    # readable by this user only: a slot is as strong as its password, so nobody else should get to try
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
