"""Tesseract, through pytesseract: a page image in, its words out (text, box, confidence, line).

Tesseract is an optional system dependency (Debian: `tesseract-ocr tesseract-ocr-vie`): everything
else works without it, and `availability()` says what is missing so the user can be told what to
install. pytesseract runs the `tesseract` program once per page, so a page that hangs is killed at
its time limit and a crash in the engine cannot take the bot down with it.

Tesseract's OpenMP threads fight each other on small machines (a 200 dpi page took 8.8 s with the
default threads and 1.4 s with one, on 2 cores): we run one thread per page and pages side by side.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from functools import cache

from PIL import Image

from parsing.errors import DocumentError

log = logging.getLogger(__name__)

LANGUAGE = "vie"
os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read by each tesseract process we start


@dataclass(frozen=True, slots=True)
class Word:
    """One word as Tesseract read it; `line` numbers the text line on the page (block, paragraph and
    line of Tesseract's layout analysis), `conf` is 0-100."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    block: int
    par: int
    line: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def cx(self) -> float:
        return self.left + self.width / 2

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


@dataclass(frozen=True, slots=True)
class Availability:
    """Whether OCR can run here; `missing` names the Debian package to install when it cannot."""

    ok: bool
    version: str | None = None
    missing: str | None = None  # "tesseract-ocr" or "tesseract-ocr-vie"


def _pytesseract():  # the module, imported when first needed
    import pytesseract

    return pytesseract


@cache
def availability(command: str | None = None) -> Availability:
    """Is the `tesseract` program there, with the Vietnamese model? (cached per command)"""
    pt = _pytesseract()
    if command:
        pt.pytesseract.tesseract_cmd = command
    if shutil.which(pt.pytesseract.tesseract_cmd) is None:
        return Availability(False, missing="tesseract-ocr")
    try:
        version = str(pt.get_tesseract_version())
        languages = pt.get_languages(config="")
    except Exception as exc:  # a broken install: say what to reinstall
        log.warning("tesseract is installed but does not run: %s", exc)
        return Availability(False, missing="tesseract-ocr")
    if LANGUAGE not in languages:
        return Availability(False, version=version, missing="tesseract-ocr-vie")
    return Availability(True, version=version)


def require(source: str) -> None:
    """Raise `ocr_unavailable` (the message says what to install) when OCR cannot run."""
    found = availability()
    if not found.ok:
        raise DocumentError(
            "ocr_unavailable",
            source=source,
            detail=f"{source}: needs OCR but {found.missing} is not installed",
            limit=found.missing or "tesseract-ocr",
        )


def recognize(image: Image.Image, *, source: str, timeout: float, psm: int = 3) -> list[Word]:
    """The words of one page image (greyscale or binary), in Tesseract's reading order."""
    pt = _pytesseract()
    require(source)
    if timeout <= 0:
        raise DocumentError("ocr_timeout", source=source, detail=f"{source}: no time left for OCR")
    try:
        data = pt.image_to_data(
            image,
            lang=LANGUAGE,
            config=f"--psm {psm}",
            output_type=pt.Output.DICT,
            timeout=max(1.0, timeout),
        )
    except RuntimeError as exc:  # pytesseract's "Tesseract process timeout"
        if "timeout" in str(exc).lower():
            raise DocumentError("ocr_timeout", source=source, detail=f"{source}: OCR over its time") from exc
        raise DocumentError("corrupt", source=source, detail=f"{source}: OCR failed ({exc})") from exc
    except pt.TesseractError as exc:
        raise DocumentError("corrupt", source=source, detail=f"{source}: OCR failed ({exc})") from exc
    words = []
    for k, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][k])
        if not text or conf < 0:
            continue
        words.append(
            Word(
                text=text,
                conf=conf,
                left=int(data["left"][k]),
                top=int(data["top"][k]),
                width=int(data["width"][k]),
                height=int(data["height"][k]),
                block=int(data["block_num"][k]),
                par=int(data["par_num"][k]),
                line=int(data["line_num"][k]),
            )
        )
    return words


def orientation(image: Image.Image, *, source: str, timeout: float) -> int:
    """Degrees to turn the page clockwise so its text stands upright (Tesseract's OSD), 0 when unsure."""
    pt = _pytesseract()
    try:
        info = pt.image_to_osd(image, config="--psm 0", output_type=pt.Output.DICT, timeout=max(1.0, timeout))
    except (RuntimeError, pt.TesseractError) as exc:
        log.info("%s: orientation not detected (%s)", source, exc)
        return 0
    if float(info.get("orientation_conf", 0)) < 2.0:
        return 0
    return int(info.get("rotate", 0)) % 360
