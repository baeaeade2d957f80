"""The spool keeps pages waiting to be written out of memory: each text comes back once, as it was put."""

from __future__ import annotations

from typing import IO

from empathy_playbook.spool import Spool


def _closed(file: IO[bytes]) -> bool:
    return file.closed


def test_each_text_comes_back_once_as_it_was_put() -> None:
    spool = Spool()
    texts = {f"maps/{n}.md": f"<p>Koper {n}: café, 日本, \U0001f600</p>\n" * (n + 1) for n in range(50)}
    texts["empty.md"] = ""
    for key, text in texts.items():
        spool.put(key, text)
    assert len(spool) == len(texts)
    for key in reversed(list(texts)):  # in any order
        assert key in spool
        assert spool.take(key) == texts[key]
        assert key not in spool
        assert spool.take(key) is None
    assert spool.take("never-put.md") is None


def test_the_file_is_gone_once_every_text_is_taken_back_or_the_spool_closed() -> None:
    spool = Spool()
    spool.put("a.md", "<p>a</p>")
    spool.put("b.md", "<p>b</p>")
    file = spool._file
    assert file is not None and not _closed(file)
    spool.take("a.md")
    assert not _closed(file)  # b.md still waits
    spool.take("b.md")
    assert _closed(file)
    spool.put("c.md", "<p>c</p>")  # a new file after the last one was closed
    again = spool._file
    assert again is not None and again is not file
    spool.close()
    assert _closed(again) and len(spool) == 0 and spool.take("c.md") is None


def test_a_text_is_kept_compressed_on_disk_not_in_memory() -> None:
    spool = Spool()
    page = "<li class='chip'>economisch</li>\n" * 100_000  # 3.3 MB of HTML, as an index page repeats itself
    spool.put("needs.md", page)
    file = spool._file
    assert file is not None
    file.flush()
    on_disk = file.seek(0, 2)
    assert 0 < on_disk < len(page) // 50
    assert spool.take("needs.md") == page
