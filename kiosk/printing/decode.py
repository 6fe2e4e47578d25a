"""Reading ESC/POS back: the commands a slip is made of, as a printer would take them in.

Used by the simulator (it must find DLE EOT among the job's bytes without mistaking a raster
image's bytes for one) and by tests and the demo, which read a received job back as lines of
text, QR codes and raster images.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
# ESC and GS commands with a fixed number of parameter bytes (after the command letter).
_ESC_ARGS = {ord(c): n for c, n in (("@", 0), ("2", 0), ("E", 1), ("a", 1), ("t", 1), ("!", 1),
                                    ("-", 1), ("M", 1), ("d", 1), ("J", 1), ("3", 1), ("{", 1),
                                    ("V", 1), ("G", 1), ("R", 1), (" ", 1), ("c", 2), ("p", 3))}
_GS_ARGS = {ord(c): n for c, n in (("!", 1), ("B", 1), ("b", 1), ("r", 1), ("a", 1), ("h", 1),
                                   ("w", 1), ("H", 1), ("f", 1), ("L", 2), ("W", 2))}


@dataclass(frozen=True)
class Token:
    kind: str  # text, lf, esc, gs, status, qr, raster, cut, other
    data: bytes = b""  # text bytes; a command's parameters; a QR's payload; raster rows
    code: int = 0  # the command letter; DLE EOT's n; a raster's width in bytes
    size: int = 0  # a raster's height
    raw: bytes = b""  # the bytes it was read from


class Tokenizer:
    """Feed bytes as they arrive; get the whole commands among them. An unfinished command at
    the end waits for the next bytes."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[Token]:
        self._buffer += data
        tokens: list[Token] = []
        position = 0
        while position < len(self._buffer):
            found = _token_at(self._buffer, position)
            if found is None:
                break  # more bytes needed
            token, end = found
            tokens.append(replace(token, raw=bytes(self._buffer[position:end])))
            position = end
        del self._buffer[:position]
        return tokens


def _token_at(data: bytearray, at: int) -> tuple[Token, int] | None:
    byte = data[at]
    if byte == LF:
        return Token("lf"), at + 1
    if byte == DLE:
        if len(data) < at + 3:
            return None
        if data[at + 1] == 0x04:
            return Token("status", code=data[at + 2]), at + 3
        return Token("other", bytes(data[at:at + 1])), at + 1
    if byte == ESC:
        return _command(data, at, "esc", _ESC_ARGS)
    if byte == GS:
        return _gs(data, at)
    if byte < 0x20:
        return Token("other", bytes([byte])), at + 1
    end = at
    while end < len(data) and data[end] >= 0x20:
        end += 1
    return Token("text", bytes(data[at:end])), end


def _command(data: bytearray, at: int, kind: str, table: dict[int, int]) -> tuple[Token, int] | None:
    if len(data) < at + 2:
        return None
    letter = data[at + 1]
    count = table.get(letter, 0)
    if len(data) < at + 2 + count:
        return None
    return Token(kind, bytes(data[at + 2:at + 2 + count]), letter), at + 2 + count


def _gs(data: bytearray, at: int) -> tuple[Token, int] | None:
    if len(data) < at + 2:
        return None
    letter = data[at + 1]
    if letter == ord("V"):  # cut: GS V m, or GS V m n for m 65/66
        if len(data) < at + 3:
            return None
        count = 2 if data[at + 2] in (65, 66, 97, 98, 103, 104) else 1
        if len(data) < at + 2 + count:
            return None
        return Token("cut", bytes(data[at + 2:at + 2 + count]), letter), at + 2 + count
    if letter == ord("("):  # GS ( k / GS ( L: a function with a two-byte length
        if len(data) < at + 5:
            return None
        length = data[at + 3] | data[at + 4] << 8
        end = at + 5 + length
        if len(data) < end:
            return None
        body = bytes(data[at + 5:end])
        if data[at + 2] == ord("k") and body[:3] == b"1P0":  # store a QR code's data
            return Token("qr", body[3:]), end
        return Token("gs", bytes([data[at + 2]]) + body, letter), end
    if letter == ord("v"):  # GS v 0 m xL xH yL yH d...: a raster image
        if len(data) < at + 8:
            return None
        width = data[at + 4] | data[at + 5] << 8
        height = data[at + 6] | data[at + 7] << 8
        end = at + 8 + width * height
        if len(data) < end:
            return None
        return Token("raster", bytes(data[at + 8:end]), width, height), end
    return _command(data, at, "gs", _GS_ARGS)


@dataclass(frozen=True)
class Line:
    text: str
    scale: int = 1  # the character size multiplier (GS !, ESC !)
    bold: bool = False
    inverted: bool = False
    align: int = 0  # ESC a: 0 left, 1 centre, 2 right


@dataclass(frozen=True)
class Raster:
    width_bytes: int
    height: int
    rows: bytes

    def dark(self, x: int, y: int) -> bool:
        return bool(self.rows[y * self.width_bytes + x // 8] & (0x80 >> (x % 8)))


@dataclass
class Printout:
    """A job read back: what would come out of the printer, in order."""

    blocks: list[Line | Raster | str] = field(default_factory=list)  # str: a native QR's data
    cuts: int = 0
    status_queries: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Line)]

    @property
    def text(self) -> str:
        """The text with the lines that a narrow roll wrapped joined again."""
        return " ".join(self.lines)

    @property
    def native_qr(self) -> list[str]:
        return [block for block in self.blocks if isinstance(block, str)]

    @property
    def rasters(self) -> list[Raster]:
        return [block for block in self.blocks if isinstance(block, Raster)]

    def biggest_line(self) -> Line:
        return max((b for b in self.blocks if isinstance(b, Line)), key=lambda line: line.scale)


def read_job(data: bytes) -> Printout:
    """Every command of a job, applied as a printer would, to lines, codes and images."""
    out = Printout()
    text, scale, bold, inverted, align = "", 1, False, False, 0

    def line() -> Line:
        return Line(text, scale, bold, inverted, align)

    for token in Tokenizer().feed(data):
        if token.kind == "text":
            text += token.data.decode("latin-1")
        elif token.kind == "lf":
            out.blocks.append(line())
            text = ""
        elif token.kind == "status":
            out.status_queries.append(token.code)
        elif token.kind == "qr":
            out.blocks.append(token.data.decode("utf-8"))
        elif token.kind == "raster":
            out.blocks.append(Raster(token.code, token.size, token.data))
        elif token.kind == "cut":
            out.cuts += 1
        elif token.kind == "gs" and token.code == ord("!"):
            scale = max((token.data[0] >> 4) + 1, (token.data[0] & 0x0F) + 1)
        elif token.kind == "gs" and token.code == ord("B"):
            inverted = bool(token.data[0] & 1)
        elif token.kind == "esc" and token.code == ord("!"):
            scale = 2 if token.data[0] & 0x30 else 1
            bold = bool(token.data[0] & 0x08)
        elif token.kind == "esc" and token.code == ord("E"):
            bold = bool(token.data[0] & 1)
        elif token.kind == "esc" and token.code == ord("a"):
            align = token.data[0] % 48
        elif token.kind == "esc" and token.code == ord("@"):
            scale, bold, inverted, align = 1, False, False, 0
        elif token.kind == "esc" and token.code == ord("d") and text:
            out.blocks.append(line())
            text = ""
    if text:
        out.blocks.append(line())
    return out


def qr_matrix_of(raster: Raster) -> list[list[bool]]:
    """The modules of a QR code printed as a raster: found by its top-left finder pattern (7
    modules wide), sampled at each module's centre. For checking what a slip's code says."""
    dark = [(x, y) for y in range(raster.height) for x in range(raster.width_bytes * 8)
            if raster.dark(x, y)]
    if not dark:
        return []
    left = min(x for x, _ in dark)
    top = min(y for _, y in dark)
    right = max(x for x, _ in dark)
    run = 0
    while raster.dark(left + run, top):
        run += 1
    module = run / 7
    count = round((right - left + 1) / module)
    return [[raster.dark(int(left + (col + 0.5) * module), int(top + (row + 0.5) * module))
             for col in range(count)] for row in range(count)]
