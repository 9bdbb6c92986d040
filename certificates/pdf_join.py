"""Join PDFs made in parts into one, object by object, holding one part at a time.

A district's 50,000 certificates cannot be held as one reportlab document (every page
stays in memory until it is saved), so they are drawn in parts and joined here. The join
streams: each part's objects are renumbered and written out as they are read, and only
the list of page numbers is kept to the end.

Each part subsets its fonts on its own, and reportlab names the first subset of every font
"AAAAAA+…" in every part. Two different subsets under one name is legal PDF, but printers
and viewers that cache fonts by name can print one part's glyphs with another's letters: a
wrong name on paper. Every subset gets a tag unique to its part here.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import IO, cast

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject, PdfObject

_CATALOG, _PAGES, _INFO = 1, 2, 3
_FIRST_FREE = 4
_SUBSET = re.compile(r"^/([A-Z]{6})\+(.*)$")
_FONT_NAME_KEYS = ("/BaseFont", "/FontName")


class _Writer:
    def __init__(self, out: IO[bytes]):
        self.out = out
        self.offset = 0
        self.offsets: dict[int, int] = {}
        self.digest = hashlib.md5(usedforsecurity=False)

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.offset += len(data)

    def obj(self, number: int, body: PdfObject) -> None:
        self.offsets[number] = self.offset
        buffer = _Buffer()
        body.write_to_stream(cast(IO[bytes], buffer))  # write() is all pypdf asks of it
        self.write(b"%d 0 obj\n" % number + buffer.data() + b"\nendobj\n")


class _Buffer:
    """The smallest stream pypdf's write_to_stream needs, without BytesIO's copying."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(data)
        return len(data)

    def data(self) -> bytes:
        return b"".join(self.chunks)


def _tag(part: int, original: str) -> str:
    # Deterministic, so the same certificates join to the same bytes.
    n = part * 26**3 + sum((ord(c) - 65) * 26**i for i, c in enumerate(reversed(original[-3:])))
    letters = []
    for _ in range(6):
        n, r = divmod(n, 26)
        letters.append(chr(65 + r))
    return "".join(reversed(letters))


class _Part:
    """One part's objects, renumbered into the joined file as they are reached."""

    def __init__(self, reader: PdfReader, index: int, writer: _Writer, next_number: int):
        self.reader = reader
        self.index = index
        self.writer = writer
        self.next_number = next_number
        self.numbers: dict[tuple[int, int], int] = {}
        self.queue: deque[IndirectObject] = deque()

    def number(self, ref: IndirectObject) -> int:
        key = (ref.idnum, ref.generation)
        if key not in self.numbers:
            self.numbers[key] = self.next_number
            self.next_number += 1
            self.queue.append(ref)
        return self.numbers[key]

    def remap(self, obj: PdfObject) -> PdfObject:
        """The object with every reference renumbered (changed in place: it is written once)."""
        if isinstance(obj, IndirectObject):
            return IndirectObject(self.number(obj), 0, None)
        if isinstance(obj, DictionaryObject):
            for key, value in list(dict.items(obj)):
                if key in _FONT_NAME_KEYS and isinstance(value, NameObject) and (m := _SUBSET.match(value)):
                    value = NameObject(f"/{_tag(self.index, m.group(1))}+{m.group(2)}")
                dict.__setitem__(obj, key, self.remap(value))
        elif isinstance(obj, ArrayObject):
            for i, value in enumerate(list.__iter__(obj)):
                list.__setitem__(obj, i, self.remap(value))
        return obj

    def page(self, ref: IndirectObject) -> int:
        number = self.number(ref)
        while self.queue:
            current = self.queue.popleft()
            body = self.reader.get_object(current)
            if body is None:
                raise ValueError(f"object {current.idnum} missing from a part just written")
            if current is ref and isinstance(body, DictionaryObject):
                # Every page hangs from the joined file's one page tree.
                dict.__setitem__(body, NameObject("/Parent"), IndirectObject(_PAGES, 0, None))
            self.writer.obj(self.numbers[(current.idnum, current.generation)], self.remap(body))
        return number


def _dictionary(obj) -> dict:
    """A trailer entry's dictionary, with its values as written (references unresolved)."""
    found = obj.get_object()
    if not isinstance(found, DictionaryObject):
        raise ValueError("a part just written has no catalog or information dictionary")
    return dict(dict.items(found))


def join(parts: Iterable[Path], out: IO[bytes]) -> int:
    """Write the pages of `parts`, in order, as one PDF to `out`; the number of pages.

    The document information and catalog entries (title, language) are the first part's."""
    writer = _Writer(out)
    pages: list[int] = []
    next_number = _FIRST_FREE
    catalog = DictionaryObject()
    info = DictionaryObject()
    for index, path in enumerate(parts):
        reader = PdfReader(path)
        if index == 0:
            writer.write(reader.pdf_header.encode("latin-1") + b"\n%\xe2\xe3\xcf\xd3\n")
            # Only plain values: reportlab puts nothing else in a certificate run's catalog.
            for key, value in _dictionary(reader.trailer["/Root"]).items():
                if not isinstance(value, (IndirectObject, DictionaryObject, ArrayObject)):
                    catalog[key] = value
            if "/Info" in reader.trailer:
                for key, value in _dictionary(reader.trailer["/Info"]).items():
                    if not isinstance(value, IndirectObject):
                        info[key] = value
        part = _Part(reader, index, writer, next_number)
        for page in reader.pages:
            if page.indirect_reference is None:
                raise ValueError("a page of a part just written has no object number")
            pages.append(part.page(page.indirect_reference))
        next_number = part.next_number
    catalog[NameObject("/Pages")] = IndirectObject(_PAGES, 0, None)
    tree = DictionaryObject()
    tree[NameObject("/Type")] = NameObject("/Pages")
    tree[NameObject("/Count")] = NumberObject(len(pages))
    tree[NameObject("/Kids")] = ArrayObject(IndirectObject(n, 0, None) for n in pages)
    writer.obj(_CATALOG, catalog)
    writer.obj(_PAGES, tree)
    writer.obj(_INFO, info)
    _trailer(writer, next_number)
    return len(pages)


def _trailer(writer: _Writer, size: int) -> None:
    start = writer.offset
    identity = writer.digest.hexdigest().encode()
    rows = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
    rows += [b"%010d 00000 n \n" % writer.offsets[n] for n in range(1, size)]
    rows.append(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n"
        % (size, _CATALOG, _INFO, identity, identity, start)
    )
    writer.write(b"".join(rows))
