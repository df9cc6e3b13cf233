"""What a file really is, judged by its first bytes: users rename files, and chat apps rename them too."""

from __future__ import annotations

import io
import zipfile
from enum import Enum


class Kind(Enum):
    PDF = "pdf"
    DOCX = "docx"
    OLE = "ole"  # Word 97-2003 .doc, .xls, .ppt, or an Office file encrypted with a password
    ZIP = "zip"  # a zip that is not a Word document (.xlsx, .pptx, .odt, an archive)
    RTF = "rtf"
    BINARY = "binary"  # images, archives, executables
    TEXT = "text"  # anything else: decided by the text decoder


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"RIFF",  # WEBP, WAV, AVI
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"MZ",  # Windows executable
)


def sniff(data: bytes) -> Kind:
    """Classify `data` by magic bytes (and, for zips, by whether word/document.xml is inside)."""
    if b"%PDF-" in data[:1024]:
        return Kind.PDF
    if data.startswith(b"PK\x03\x04"):
        return Kind.DOCX if "word/document.xml" in zip_names(data) else Kind.ZIP
    if data.startswith(_OLE_MAGIC):
        return Kind.OLE
    if data.lstrip().startswith(b"{\\rtf"):
        return Kind.RTF
    if data.startswith(_BINARY_MAGIC):
        return Kind.BINARY
    return Kind.TEXT


def zip_names(data: bytes) -> set[str]:
    """Member names of a zip, or an empty set when the zip is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()


def ole_stream_named(data: bytes, name: str) -> bool:
    """Whether an OLE compound file has a directory entry `name` (entries are UTF-16LE)."""
    return name.encode("utf-16-le") in data


_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif")


def is_image(data: bytes) -> bool:
    """Whether the bytes start like an image file we can read (a photo or scan of a plan's page)."""
    head = data[:16]
    return (
        head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a"))
        or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")
        or is_heif(data)
    )


def is_heif(data: bytes) -> bool:
    """An iPhone's HEIC photo (or another HEIF brand)."""
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS
