"""Texts kept out of memory until they are needed: compressed, in a temporary file.

A site engine may hold every page until it writes the first one (MkDocs reads, and the playbook
renders, every page before it writes any): a playbook's pages would then all be in memory at once,
some 36 MB even compressed at 5000 maps. In a temporary file they take none; each is read back once,
when the engine writes its page. The file has no name on POSIX systems (Windows deletes it when it is
closed), and is closed once every text has been taken back, or with the spool.
"""

from __future__ import annotations

import os
import tempfile
import zlib
from typing import IO


class Spool:
    """Texts by key, each put once and taken back once."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._where: dict[str, tuple[int, int]] = {}
        """The offset and length of each text's compressed bytes in the file."""

    def put(self, key: str, text: str) -> None:
        data = zlib.compress(text.encode("utf-8"), 1)  # the fastest level: most of the gain, little time
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="empathy-playbook-")  # noqa: SIM115 (open until close())
        self._file.seek(0, os.SEEK_END)
        self._where[key] = (self._file.tell(), len(data))
        self._file.write(data)

    def take(self, key: str) -> str | None:
        """The text put under `key` (None if there is none), and forget it."""
        where = self._where.pop(key, None)
        if where is None or self._file is None:
            return None
        self._file.seek(where[0])
        data = self._file.read(where[1])
        if not self._where:
            self.close()
        return zlib.decompress(data).decode("utf-8")

    def __contains__(self, key: str) -> bool:
        return key in self._where

    def __len__(self) -> int:
        return len(self._where)

    def close(self) -> None:
        """Forget every text left, and remove the file."""
        self._where = {}
        if self._file is not None:
            self._file.close()
            self._file = None
