"""Turn the bytes of a text document into lines: decoding, line ends, pipe tables."""

import codecs
import re

from .structure import DocumentError

_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE = re.compile(r"^[\s|:\-]+$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = {ord(c): " " for c in "\u00a0\u2002\u2003\u2007\u2009\u202f"}
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes, source: str) -> str:
    """Text from bytes in the encodings Word and editors save in; binary files are refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_or_fail(data, "utf-16", source)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DocumentError("this is a binary file, not a text or Word document", source)
        return _decode_or_fail(data, utf16, source)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return _refuse_binary(data.decode(encoding), source)
        except UnicodeDecodeError:
            continue
    return _refuse_binary(data.decode("latin-1"), source)


def normalise(text: str) -> str:
    """One "\\n" per line, ordinary spaces, Markdown-style pipe tables as tab-separated rows."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", " ").replace("\v", "\n")
    text = text.translate(_INVISIBLE).translate(_SPACES)
    return "\n".join(_pipe_row_as_cells(line) for line in text.split("\n"))


def _pipe_row_as_cells(line: str) -> str:
    # Keeps the line count, so that line numbers still match the file.
    match = _PIPE_ROW.match(line)
    if not match:
        return line
    if _PIPE_RULE.match(line):
        return ""
    return "\t".join(cell.strip() for cell in match.group(1).split("|"))


def _utf16_without_bom(data: bytes) -> str | None:
    # UTF-16 text of Latin letters has a NUL in every other byte; a binary file does not.
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _decode_or_fail(data: bytes, encoding: str, source: str) -> str:
    try:
        return _refuse_binary(data.decode(encoding), source)
    except UnicodeDecodeError as error:
        raise DocumentError(f"the text is not valid {encoding}: {error.reason}", source) from None


def _refuse_binary(text: str, source: str) -> str:
    # Control characters (Unicode category Cc) other than the whitespace ones, counted at
    # the speed of a regular expression: a 10 MB file is checked in milliseconds.
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise DocumentError("this is a binary file, not a text or Word document", source)
    return text
