"""Finding a playbook's maps on disk and reading each once: which files are maps, and at which address."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .messages import Text, phrase
from .model import EmpathyMap, Problem, Report, quoted
from .playbook import Playbook
from .reader import read_file, read_map, relative_path
from .relations import check_relations
from .settings import Settings


class MapCache:
    """Maps as parsed, by file, for a process that reads the playbook again and again (`mkdocs serve`):
    a file whose modification time, size and inode are unchanged is not read or parsed again.

    It holds each map as `parse_map` made it; every read gets a copy of its own (with its own list of
    problems), since the steps after parsing (privacy, relations) add to a map. Other settings than
    those it was filled with (vocabulary, size limit) empty it.
    """

    def __init__(self) -> None:
        self._maps: dict[tuple[str, str], tuple[tuple[int, int, int], EmpathyMap]] = {}
        self._settings: tuple[object, int] | None = None
        self._stamps: dict[str, tuple[int, int, int] | None] = {}
        """By map path: the stamp of the file as it was when the map given out was read (None: not known)."""

    def read(self, file: Path, root: Path, base: Path, settings: Settings) -> EmpathyMap:
        if self._settings != (settings.vocabulary, settings.max_bytes):
            self._maps, self._settings = {}, (settings.vocabulary, settings.max_bytes)
        key = (str(file), str(base))
        try:
            status = file.stat()
        except OSError:
            self._maps.pop(key, None)
            m = _read(file, root, base, settings)
            self._stamps[m.path] = None
            return m
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        cached = self._maps.get(key)
        if cached is None or cached[0] != stamp:
            cached = self._maps[key] = (stamp, _read(file, root, base, settings))
        m = cached[1]
        self._stamps[m.path] = stamp
        return m.with_problems(list(m.problems))

    def stamp(self, path: str) -> tuple[int, int, int] | None:
        """The modification time, size and inode of the map at `path` (from the project root) when the map
        last given out was read: a file saved again meanwhile has another. None for a map not read here."""
        return self._stamps.get(path)

    def forget_others(self, kept: Iterable[tuple[Path, Path]]) -> None:
        """Drop the maps of files no longer read (deleted or renamed)."""
        keep = {(str(file), str(base)) for file, base in kept}
        self._maps = {key: value for key, value in self._maps.items() if key in keep}
        self._stamps = {}


def _read(file: Path, root: Path, base: Path, settings: Settings) -> EmpathyMap:
    return read_map(file, root=root, maps_dir=base, vocabulary=settings.vocabulary, max_bytes=settings.max_bytes)


def read_playbook(
    root: Path,
    settings: Settings,
    paths: Iterable[Path] | None = None,
    config_path: str = "mkdocs.yml",
    cache: MapCache | None = None,
    *,
    bodies: bool = True,
) -> Playbook:
    """Read every map once: those under the maps folder, or only `paths` (files or folders).

    Problems in one map never stop the others being read. A map's address is its path below
    the maps folder, or below the folder it was found in when that lies elsewhere. A maps folder
    that is missing or holds no map is an error at `config_path` (the file that names the folder):
    a playbook without maps is a mistake, never a green build of an empty site.
    With a `cache`, only the maps changed since it last saw them are parsed. `bodies=False` reads each map without
    keeping its body (`reader.parse_map`; not with a `cache`): for `check`, which reports problems and renders no page.
    """
    maps_dir = root / settings.maps_dir
    in_maps_dir = maps_dir.absolute()
    playbook = Playbook()
    by_url: dict[str, str] = {}
    files = list(_files_to_read(maps_dir, root, paths, playbook.problems))
    if cache is not None:
        cache.forget_others((found.file, found.base) for found in files)
    for file, base, parts, path, url_path in files:
        url = _published_at(url_path)
        folder, _, below = url_path.partition("/")
        if below and folder == maps_dir.name and base == in_maps_dir:
            # The web editor, opened in maps/, prefixes what is typed there: 'maps/zorg/x.md' becomes maps/maps/...
            Report(path, playbook.problems).warning(
                1,
                "path.maps_twice",
                folder=quoted(folder),
                url=quoted(url_path),
                suggested=quoted(f"{settings.maps_dir}/{below}.md"),
            )
        if bad_name := unsafe_name(parts):
            Report(path, playbook.problems).error(1, bad_name[0], **bad_name[1])
        elif not url:
            Report(path, playbook.problems).error(1, "name.overview", name=quoted(file.name))
        elif url in by_url:
            Report(path, playbook.problems).error(1, "name.collision", other=by_url[url], url=quoted(url_path))
        else:
            by_url[url] = path
            if cache is not None:
                m = cache.read(file, root, base, settings)
            else:  # the names just made, not made again
                m = read_file(
                    file,
                    path=path,
                    url_path=url_path,
                    vocabulary=settings.vocabulary,
                    max_bytes=settings.max_bytes,
                    bodies=bodies,
                )
            settings.privacy.apply(m)
            playbook.maps.append(m)
    if paths is None and not files:
        code = "maps.empty" if maps_dir.is_dir() else "maps.missing"
        Report(config_path, playbook.problems).error(1, code, folder=quoted(settings.maps_dir))
    _check_relations(playbook, root, settings, maps_dir, partial=paths is not None)
    return playbook


def _check_relations(playbook: Playbook, root: Path, settings: Settings, maps_dir: Path, *, partial: bool) -> None:
    """Each relation must name a map of the same account. When only some maps were read (`check PATH`),
    a map they name is read too, on its own, to see that it exists and which account it belongs to."""
    by_path = {m.url_path: m for m in playbook.maps}
    folder = maps_dir.resolve()

    def find(target: str) -> EmpathyMap | None:
        if target not in by_path and partial:
            file = maps_dir / f"{target}.md"
            # A relation is untrusted text: only a real map file inside the maps folder is read.
            if file.is_file() and not file.is_symlink() and file.resolve().is_relative_to(folder):
                by_path[target] = read_map(  # only its front matter is looked at
                    file,
                    root=root,
                    maps_dir=maps_dir,
                    vocabulary=settings.vocabulary,
                    max_bytes=settings.max_bytes,
                    bodies=False,
                )
        return by_path.get(target)

    def known() -> list[str]:
        if not partial:
            return list(by_path)
        files = _map_files(maps_dir, root, []) if maps_dir.is_dir() else iter(())
        return ["/".join(parts).removesuffix(".md") for _, parts in files]

    check_relations(playbook.maps, find, known, settings.maps_dir)


class _MapFile(NamedTuple):
    """A file to read as a map, with its names (made once, as strings: pathlib's arithmetic on each file cost
    `check` about 4 % of its run at a thousand maps)."""

    file: Path
    base: Path
    """The folder its address is relative to."""
    parts: tuple[str, ...]
    """Its path below `base`, by folder and file name."""
    path: str
    """Its path from the project root, with forward slashes, as problems name it (`reader.relative_path`)."""
    url_path: str
    """Its path below `base`, without `.md`: the map's address (`zorg/orthopedisch-arts`)."""


def _files_to_read(
    maps_dir: Path, root: Path, paths: Iterable[Path] | None, problems: list[Problem]
) -> Iterator[_MapFile]:
    """Each map to read, with its names."""
    for path in [maps_dir] if paths is None else paths:
        path = path.absolute()
        base = maps_dir if path.is_relative_to(maps_dir.absolute()) else (path if path.is_dir() else path.parent)
        base = base.absolute()
        if path.is_dir():
            # The names of the files found are this folder's (made once) followed by their path below it.
            above = path.relative_to(base).parts
            from_root = path.relative_to(root).parts if path.is_relative_to(root) else None
            for file, below in _map_files(path, root, problems):
                parts = above + below
                shown = "/".join(from_root + below) if from_root is not None else relative_path(file, root)
                # Every file found ends in `.md` and its name does not start with '.': its suffix is `.md`.
                yield _MapFile(file, base, parts, shown, "/".join(parts).removesuffix(".md"))
        elif path.is_symlink():
            Report(relative_path(path, root), problems).error(1, "file.linked")
        elif path.is_file():
            relative = path.relative_to(base)
            yield _MapFile(path, base, relative.parts, relative_path(path, root), relative.with_suffix("").as_posix())


def _map_files(
    folder: Path, root: Path, problems: list[Problem], below: tuple[str, ...] = ()
) -> Iterator[tuple[Path, tuple[str, ...]]]:
    """The `*.md` files under `folder`, in a stable order, each with its path below `folder` by folder and file
    name (after `below`, the path of `folder` itself in the walk); links are reported, never followed.

    Files and folders whose name starts with '.' are not maps (editors and tools keep theirs there). A folder
    that cannot be listed is passed over, as `os.walk` does. Each folder's files come before its folders'.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        if not _is_folder(entry) or entry.name.startswith("."):
            continue
        if entry.is_symlink():
            Report(relative_path(folder / entry.name, root), problems).error(1, "folder.linked")
        else:
            folders.append(entry.name)
    for entry in entries:
        name = entry.name
        if _is_folder(entry) or name.startswith(".") or not name.endswith(".md"):
            continue
        if entry.is_symlink():
            Report(relative_path(folder / name, root), problems).error(1, "file.linked")
            continue
        yield folder / name, (*below, name)
    for name in folders:
        yield from _map_files(folder / name, root, problems, (*below, name))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one (which is reported), as `os.walk` tells them from files."""
    try:
        return entry.is_dir()
    except OSError:
        return False


_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_NOT_UTF8 = re.compile("[\ud800-\udfff]")  # how Python shows the bytes of a name that are not UTF-8
_WINDOWS_FORBIDS = '<>:"|?*\\'
_MARKUP = "&'`#%"
"""Characters a name may not hold: Windows refuses the first (a clone there would fail); the others
mean something in HTML or a URL (an entity, a quote, a fragment, an escape), and a name becomes both
the address of a page and a title in the navigation of every page."""
_FORBIDDEN = re.compile("[" + re.escape(_WINDOWS_FORBIDS + _MARKUP) + "]")


def unsafe_name(parts: Iterable[str]) -> tuple[str, dict[str, object]] | None:
    """Why a map's file or folder name (`parts`: its path below the maps folder, by folder and file name)
    cannot become an address and a title (a message code and its parameters), if it cannot.

    Refused rather than escaped: the name is also the page's address and a navigation title that
    MkDocs themes print as HTML, and a playbook must clone on every system.
    """
    for part in parts:
        if _NOT_UTF8.search(part):
            return "name.not_utf8", {"name": quoted(part)}
        if not part.isprintable():  # control, format (direction), unassigned, private-use, line breaks
            return "name.invisible", {}
        if _RESERVED.match(part):
            return "name.reserved", {"name": quoted(part)}
        if forbidden := _FORBIDDEN.search(part):
            return "name.forbidden", {
                "name": quoted(part),
                "character": forbidden.group(),
                "forbidden": " ".join(_WINDOWS_FORBIDS + _MARKUP),
            }
        if part.endswith((".", " ")):
            return "name.trailing", {"name": quoted(part)}
    return None


def _published_at(url_path: str) -> str:
    """The folder a map is published at, compared as a case-insensitive file system would.

    Like MkDocs, `index.md` and `README.md` are published at their folder's URL.
    """
    parts = unicodedata.normalize("NFC", url_path).casefold().split("/")
    if parts[-1] in ("index", "readme"):
        parts.pop()
    return "/".join(parts)


def maps_folder_problem(root: Path, maps_dir: str, docs_dir: Path | None) -> Text | None:
    """Why the maps folder cannot be used, if it cannot: it must be a real folder inside the project, outside
    the docs folder (MkDocs publishes everything there as it is written: a map's scripts included)."""
    project = root.resolve()
    expected = Path(os.path.normpath(project / maps_dir))
    actual = (root / maps_dir).resolve()
    folder = quoted(maps_dir, limit=None)
    if not expected.is_relative_to(project):
        return phrase("maps_folder.outside", folder=folder)
    if actual != expected:
        return phrase("maps_folder.linked", folder=folder)
    if docs_dir is not None:
        docs = docs_dir.resolve()
        if actual == docs or actual.is_relative_to(docs) or docs.is_relative_to(actual):
            return phrase("maps_folder.in_docs", folder=folder)
    return None
