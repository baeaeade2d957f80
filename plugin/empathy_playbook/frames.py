"""A theme's chrome (header, navigation, footer) rendered once for many alike pages, each page's own parts put in.

A site theme renders its whole chrome around every page: for a playbook's generated pages that are
not in the navigation (map pages, account pages, index parts) that chrome is the same on every page
of one depth, and rendering it again costs more than the page itself. `Frames` renders it once per
group of pages the engine adapter says are alike (same template, links, table of contents length,
...): with a stand-in (a sentinel) for each of the page's own parts (its title, content, table of
contents entries, edit link), split at the sentinels. A page of the group is then the frame's pieces
joined with its own parts: the same bytes the theme would have rendered, for a fraction of the cost.

The adapter's key names the inputs it knows; the frame checks what the key cannot: each sentinel
must come out of the template as written (a theme that filters or truncates the title, or prints
the content twice, gets no frame), and the first two pages of every group are rendered in full and
must equal the frame with their parts put in (a theme that prints the page's own address, or
changes with the title's text, gets none). A group whose frame fails renders every page in full.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

CONTENT = "content"
"""The part that holds the page's own HTML: a frame must print it exactly once."""

_NAME = re.compile(r"[a-z]+[0-9]*")

Parts = Mapping[str, str]
"""The page's own parts by name (`content`, `title`, ...), each as the template prints it."""


@dataclass
class _Group:
    context: Mapping[str, object]
    """The rest of what the first page's chrome was rendered from: a page with other values renders in full."""
    frame: list[str] | None
    """The chrome's pieces, alternating with the names of the parts between them; None: no frame."""
    checked: bool = False
    """A second page of the group was rendered in full and equalled the frame with its parts."""


class Frames:
    """The frames of one build. Create one per build: a frame holds the site's navigation as built."""

    def __init__(self) -> None:
        # Letters and digits only, so that escaping, URL-encoding or stripping tags leaves a sentinel as it is.
        self._token = f"epframe{secrets.token_hex(8)}"
        self._groups: dict[Hashable, _Group] = {}
        self.full = 0
        """Pages rendered in full (the frames' own renders not counted)."""
        self.framed = 0
        """Pages made from a frame."""

    def sentinels(self, names: list[str]) -> dict[str, str]:
        """A stand-in for each part: what the adapter puts in the page where the part goes, for the frame's render."""
        for name in names:
            if not _NAME.fullmatch(name):
                raise ValueError(f"a part name is lower-case letters, then digits: {name!r}")
        return {name: f"{self._token}{name}z" for name in names}

    def page(
        self,
        key: Hashable | None,
        context: Mapping[str, object],
        parts: Parts,
        render: Callable[[], str],
        render_frame: Callable[[dict[str, str]], str],
    ) -> str:
        """The page's HTML: `render()` renders it in full; `render_frame(sentinels)` renders it with each of its
        `parts` replaced by its sentinel (see `sentinels`). Pages of one group have equal keys and contexts (the
        other values the template reads, compared with `==`; a list of a thousand pages is compared in C, where
        hashing it for a key would cost as much in Python on every page). A key of None: the page is like no other."""
        group = self._groups.get(key) if key is not None else None
        if key is None or (group is not None and (group.frame is None or not _same(group.context, context))):
            self.full += 1
            return render()
        if group is None:
            frame = self._split(render_frame(self.sentinels(list(parts))), parts)
            html = render()
            self.full += 1
            self._groups[key] = _Group(context, frame if frame is not None and _join(frame, parts) == html else None)
            return html
        frame = group.frame
        assert frame is not None
        if not group.checked:  # a second page, at another address, with other parts: the same chrome?
            html = render()
            self.full += 1
            group.checked = _join(frame, parts) == html
            if not group.checked:
                group.frame = None
            return html
        self.framed += 1
        return _join(frame, parts)

    def _split(self, html: str, parts: Parts) -> list[str] | None:
        """The frame's pieces, or None when a sentinel did not come through whole and once (the content)."""
        pieces = re.split(f"{self._token}({_NAME.pattern})z", html)
        names = pieces[1::2]
        if names.count(CONTENT) != 1 or any(name not in parts for name in names):
            return None
        # A sentinel changed on its way (upper-cased, cut short): the template does more than print the part.
        if any(self._token[:12] in piece.lower() for piece in pieces[0::2]):
            return None
        return pieces


def _same(first: Mapping[str, object], other: Mapping[str, object]) -> bool:
    if first.keys() != other.keys():
        return False
    try:
        return all(value is other[name] or bool(value == other[name]) for name, value in first.items())
    except Exception:  # a value that cannot say whether it equals another (an array): not the same
        return False


def _join(frame: list[str], parts: Parts) -> str:
    return "".join(piece if index % 2 == 0 else parts[piece] for index, piece in enumerate(frame))
