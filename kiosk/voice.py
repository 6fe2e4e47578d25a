"""How the hall's display board reads a call aloud: "Nomor antrian A nol dua belas, silakan
menuju loket tiga", put together from short voice clips, so it works offline.

The clips are WAV files in `assets/voice/<lang>/<name>.wav`, one per word or phrase. Those in
the repository are made by `scripts/make-voice-clips.py`; a city may replace any of them with
recordings of the same names and one common format (`missing_clips` says what is missing).
"""

from __future__ import annotations

import io
import re
import wave
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from kiosk.paths import ASSETS

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
VOICE_DIR = ASSETS / "voice"
CHIME = "chime"
GAP_MS = 70  # silence between two clips: words stay apart without sounding halting

LETTERS: tuple[str, ...] = tuple("abcdefghijklmnopqrstuvwxyz")

_ID_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_ID_WORDS = (*_ID_DIGITS, "sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus")

_EN_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_WORDS = (*_EN_ONES, *_EN_TENS[2:], "hundred")

# The phrases around the number and the counter: (clip name, text on screen).
_PHRASES: dict[Lang, tuple[tuple[str, str], tuple[str, str]]] = {
    "id": (("nomor-antrian", "Nomor antrian"), ("silakan-menuju-loket", "silakan menuju loket")),
    "en": (("number", "Number"), ("please-go-to-counter", "please go to counter")),
}

# `A-012`, or with a device's tag when its leased numbers ran out (`A-K7-012`, kiosk.numbering).
_TICKET = re.compile(r"([A-Z]{1,2})-(?:([0-9A-Z]{2})-)?([0-9]{3})")
_RUNS = re.compile(r"[0-9]+|[A-Z]")


def _lang(lang: str) -> Lang:
    if lang not in LANGS:
        raise ValueError(f"no voice for language {lang!r}; there are {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


def say_number(n: int, lang: str = "id") -> list[str]:
    """The words of 0-999: 12 -> ["dua", "belas"], 111 -> ["seratus", "sebelas"].
    Each word is also the name of its clip."""
    if not 0 <= n <= 999:
        raise ValueError(f"{n} is outside 0-999")
    if _lang(lang) == "en":
        return _say_en(n)
    if n < 10:
        return [_ID_DIGITS[n]]
    if n < 20:
        # 10 and 11 have their own words; 12-19 are "<digit> belas".
        return ["sepuluh"] if n == 10 else ["sebelas"] if n == 11 else [_ID_DIGITS[n - 10], "belas"]
    if n < 100:
        tens, ones = divmod(n, 10)
        return [_ID_DIGITS[tens], "puluh", *(say_number(ones) if ones else [])]
    hundreds, rest = divmod(n, 100)
    head = ["seratus"] if hundreds == 1 else [_ID_DIGITS[hundreds], "ratus"]
    return head + (say_number(rest) if rest else [])


def _say_en(n: int) -> list[str]:
    if n < 20:
        return [_EN_ONES[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        return [_EN_TENS[tens], *([_EN_ONES[ones]] if ones else [])]
    hundreds, rest = divmod(n, 100)
    return [_EN_ONES[hundreds], "hundred", *(_say_en(rest) if rest else [])]


def _digit(d: str, lang: Lang) -> str:
    return (_ID_DIGITS if lang == "id" else _EN_ONES)[int(d)]


def _say_digits(digits: str, lang: Lang, *, as_number: bool) -> list[str]:
    """A run of digits. In Indonesian, leading zeros are each read "nol" and the rest as one
    number (`012` -> nol dua belas), as a ticket is called. In English a ticket's digits are read
    one by one ("zero one two") and a counter's as a number. Too long for a number (over 999):
    digit by digit."""
    rest = digits.lstrip("0")
    if len(rest) > 3 or (lang == "en" and (not as_number or rest != digits)):
        return [_digit(d, lang) for d in digits]
    zero = _digit("0", lang)
    return [zero] * (len(digits) - len(rest)) + (say_number(int(rest), lang) if rest else [])


def _spell(chars: str, lang: Lang) -> list[str]:
    """Letters by name and digits one by one (a ticket's prefix and device tag)."""
    return [c.lower() if c.isalpha() else _digit(c, lang) for c in chars]


def say_ticket(number: str, lang: str = "id") -> list[str]:
    """`A-012` -> ["a", "nol", "dua", "belas"]; `A-K7-012` -> ["a", "k", "tujuh", "nol", ...].
    Something not shaped like a ticket number is read like a counter name, never refused."""
    lang = _lang(lang)
    text = number.strip().upper()
    match = _TICKET.fullmatch(text)
    if match is None:
        return say_counter(text, lang)
    prefix, tag, sequence = match.groups()
    return _spell(prefix, lang) + _spell(tag or "", lang) + _say_digits(sequence, lang, as_number=False)


def say_counter(counter: str, lang: str = "id") -> list[str]:
    """A counter's name from the catalog: `10` -> ["sepuluh"], `12A` -> ["dua", "belas", "a"].
    Digits are read as a number (English too: "twelve"), letters spelled, anything else skipped."""
    lang = _lang(lang)
    words: list[str] = []
    for run in _RUNS.findall(counter.strip().upper()):
        if run.isdigit():
            words += _say_digits(run, lang, as_number=True)
        else:
            words.append(run.lower())
    return words


def call_clips(number: str, counter: str, lang: str = "id") -> list[str]:
    """The clips of one call in order: chime, "nomor antrian", the number, "silakan menuju
    loket", the counter."""
    lang = _lang(lang)
    (before, _), (middle, _) = _PHRASES[lang]
    return [CHIME, before, *say_ticket(number, lang), middle, *say_counter(counter, lang)]


def _shown(words: Iterable[str]) -> str:
    return " ".join(w.upper() if len(w) == 1 else w for w in words)


def call_text(number: str, counter: str, lang: str = "id") -> str:
    """The call as text for the screen and the log: "Nomor antrian A nol dua belas, silakan
    menuju loket tiga"."""
    lang = _lang(lang)
    (_, before), (_, middle) = _PHRASES[lang]
    return (f"{before} {_shown(say_ticket(number, lang))}, "
            f"{middle} {_shown(say_counter(counter, lang))}").strip()


def clip_names(lang: str = "id") -> tuple[str, ...]:
    """Every clip a call in `lang` can need."""
    lang = _lang(lang)
    words = _ID_WORDS if lang == "id" else _EN_WORDS
    return (CHIME, *(name for name, _ in _PHRASES[lang]), *LETTERS, *words)


def clip_path(name: str, lang: str = "id", root: Path | None = None) -> Path:
    return (root or VOICE_DIR) / _lang(lang) / f"{name}.wav"


def clip_paths(names: Iterable[str], lang: str = "id", root: Path | None = None) -> list[Path]:
    return [clip_path(name, lang, root) for name in names]


def missing_clips(names: Iterable[str] | None = None, lang: str = "id",
                  root: Path | None = None) -> list[str]:
    """The clips (by name) that are not there; all of a language's clips when `names` is None.
    A city recording its own voice learns from this which files it still has to make."""
    wanted = clip_names(lang) if names is None else names
    return sorted({name for name in wanted if not clip_path(name, lang, root).is_file()})


def _format(channels: int, width: int, rate: int) -> str:
    layout = {1: "mono", 2: "stereo"}.get(channels, f"{channels} channels")
    return f"{rate} Hz {layout} {8 * width}-bit"


def clip_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as clip:
        return clip.getnframes() / clip.getframerate()


def assemble(paths: Sequence[Path], gap_ms: int = GAP_MS) -> bytes:
    """One WAV file of the clips in order with `gap_ms` of silence between them. Every clip
    must have the same format (rate, channels, sample width): mixing them would play at the
    wrong speed, so a mismatch is a ValueError naming the file."""
    if not paths:
        raise ValueError("no clips to assemble")
    first = None
    frames: list[bytes] = []
    for path in paths:
        try:
            with wave.open(str(path), "rb") as clip:
                params = clip.getparams()
                data = clip.readframes(params.nframes)
        except (OSError, EOFError, wave.Error) as error:
            raise ValueError(f"voice clip {path} cannot be read as a WAV file: {error}") from error
        if first is None:
            first = (path, params)
        elif params[:3] != first[1][:3]:
            raise ValueError(f"voice clip {path} is {_format(*params[:3])}, but {first[0]} is "
                             f"{_format(*first[1][:3])}: every clip must have the same format")
        frames.append(data)
    assert first is not None
    params = first[1]
    # 8-bit WAV is unsigned, so its silence is 0x80; wider samples are signed.
    silent_sample = b"\x80" if params.sampwidth == 1 else b"\x00" * params.sampwidth
    gap = silent_sample * params.nchannels * (params.framerate * gap_ms // 1000)
    out = io.BytesIO()
    with wave.open(out, "wb") as joined:
        joined.setnchannels(params.nchannels)
        joined.setsampwidth(params.sampwidth)
        joined.setframerate(params.framerate)
        joined.writeframes(gap.join(frames))
    return out.getvalue()
