"""The display board's voice: how numbers and counters are read, and the clips they need."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import voice


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"), (1, "satu"), (7, "tujuh"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (99, "sembilan puluh sembilan"),
    (100, "seratus"), (101, "seratus satu"), (110, "seratus sepuluh"), (111, "seratus sebelas"),
    (112, "seratus dua belas"), (200, "dua ratus"), (250, "dua ratus lima puluh"),
    (999, "sembilan ratus sembilan puluh sembilan"),
])
def test_say_number_in_indonesian(n: int, words: str) -> None:
    assert " ".join(voice.say_number(n)) == words


@pytest.mark.parametrize(("n", "words"), [
    (0, "zero"), (12, "twelve"), (20, "twenty"), (45, "forty five"), (100, "one hundred"),
    (250, "two hundred fifty"),
])
def test_say_number_in_english(n: int, words: str) -> None:
    assert " ".join(voice.say_number(n, "en")) == words


@pytest.mark.parametrize("n", [-1, 1000])
def test_say_number_refuses_what_it_cannot_read(n: int) -> None:
    with pytest.raises(ValueError, match="outside 0-999"):
        voice.say_number(n)


@given(st.integers(0, 999), st.sampled_from(voice.LANGS))
def test_every_word_of_every_number_is_a_clip(n: int, lang: str) -> None:
    words = voice.say_number(n, lang)
    assert words and set(words) <= set(voice.clip_names(lang))


@given(st.integers(0, 999))
def test_indonesian_numbers_are_unambiguous(n: int) -> None:
    # Reading the words back with the plain rules gives the number again.
    digits = {w: i for i, w in enumerate(("nol", "satu", "dua", "tiga", "empat", "lima", "enam",
                                           "tujuh", "delapan", "sembilan"))}
    total, current = 0, 0
    for word in voice.say_number(n):
        if word in digits:
            current += digits[word]
        elif word == "sepuluh":
            current += 10
        elif word == "sebelas":
            current += 11
        elif word == "belas":
            current += 10
        elif word == "puluh":
            current *= 10
        elif word == "seratus":
            total += 100
        elif word == "ratus":
            total, current = total + current * 100, 0
        if word == "puluh":
            total, current = total + current, 0
    assert total + current == n


@pytest.mark.parametrize(("number", "words"), [
    ("A-012", "A nol dua belas"),
    ("A-100", "A seratus"),
    ("A-111", "A seratus sebelas"),
    ("B-007", "B nol nol tujuh"),
    ("A-999", "A sembilan ratus sembilan puluh sembilan"),
    ("A-010", "A nol sepuluh"),
    ("A-020", "A nol dua puluh"),
    ("A-001", "A nol nol satu"),
    ("A-501", "A lima ratus satu"),
    ("A-000", "A nol nol nol"),  # never issued, but never a crash either
    ("AB-012", "A B nol dua belas"),
    ("A-K7-012", "A K tujuh nol dua belas"),
    ("C-0Z-250", "C nol Z dua ratus lima puluh"),
    (" a-012 ", "A nol dua belas"),
])
def test_ticket_numbers(number: str, words: str) -> None:
    assert voice.call_text(number, "1") == f"Nomor antrian {words}, silakan menuju loket satu"


@pytest.mark.parametrize(("counter", "words"), [
    ("3", "tiga"), ("10", "sepuluh"), ("12", "dua belas"), ("12A", "dua belas A"),
    ("5A", "lima A"), ("A1", "A satu"), ("20", "dua puluh"), ("99", "sembilan puluh sembilan"),
    ("05", "nol lima"), ("Loket 4", "L O K E T empat"),
])
def test_counter_names(counter: str, words: str) -> None:
    assert voice.call_text("A-012", counter).endswith(f"silakan menuju loket {words}")


def test_the_clips_of_a_call_in_order() -> None:
    assert voice.call_clips("A-012", "3") == [
        "chime", "nomor-antrian", "a", "nol", "dua", "belas", "silakan-menuju-loket", "tiga"]
    assert voice.call_text("A-012", "3") == "Nomor antrian A nol dua belas, silakan menuju loket tiga"


def test_an_english_call() -> None:
    assert voice.call_text("A-012", "3", "en") == "Number A zero one two, please go to counter three"
    assert voice.call_text("B-100", "10", "en") == "Number B one zero zero, please go to counter ten"
    assert voice.call_clips("A-K7-012", "12A", "en") == [
        "chime", "number", "a", "k", "seven", "zero", "one", "two", "please-go-to-counter",
        "twelve", "a"]


def test_odd_input_is_read_not_refused() -> None:
    assert voice.call_text("Z9", "") == "Nomor antrian Z sembilan, silakan menuju loket"
    with pytest.raises(ValueError, match="no voice for language"):
        voice.call_clips("A-012", "3", "jv")


@given(st.from_regex(r"[A-Z]{1,2}-([0-9A-Z]{2}-)?[0-9]{3}", fullmatch=True),
       st.from_regex(r"[0-9]{1,3}[A-Z]?", fullmatch=True), st.sampled_from(voice.LANGS))
def test_every_call_uses_known_clips(number: str, counter: str, lang: str) -> None:
    clips = voice.call_clips(number, counter, lang)
    assert set(clips) <= set(voice.clip_names(lang))
    # The text says what the clips say: bar the chime, the two phrase clips are the five
    # words "Nomor antrian" ... "silakan menuju loket" ("Number" ... "please go to counter").
    assert len(voice.call_text(number, counter, lang).split()) == len(clips) - 3 + 5


# The clips in the repository.

def test_every_indonesian_clip_is_there() -> None:
    assert voice.missing_clips(lang="id") == []


def test_clips_share_one_format_and_words_are_short() -> None:
    formats = set()
    for name in voice.clip_names("id"):
        path = voice.clip_path(name, "id")
        with wave.open(str(path), "rb") as clip:
            formats.add((clip.getnchannels(), clip.getsampwidth(), clip.getframerate()))
        seconds = voice.clip_seconds(path)
        if name == voice.CHIME:
            assert 0.5 <= seconds <= 3.0
        elif name in ("nomor-antrian", "silakan-menuju-loket"):
            assert 0.5 <= seconds <= 3.0, name
        else:
            assert 0.2 <= seconds <= 1.5, f"{name}: {seconds:.2f} s"
    assert formats == {(1, 2, 22050)}
    total = sum(voice.clip_path(n, "id").stat().st_size for n in voice.clip_names("id"))
    assert total < 1_500_000


def test_missing_clips_are_named(tmp_path: Path) -> None:
    (tmp_path / "id").mkdir()
    (tmp_path / "id" / "chime.wav").write_bytes(b"")
    missing = voice.missing_clips(voice.call_clips("A-012", "3"), "id", tmp_path)
    assert missing == ["a", "belas", "dua", "nol", "nomor-antrian", "silakan-menuju-loket", "tiga"]
    assert "chime" not in voice.missing_clips(lang="id", root=tmp_path)


# Putting clips together.

def _frames(path: Path) -> int:
    with wave.open(str(path), "rb") as clip:
        return clip.getnframes()


def _read(data: bytes, tmp_path: Path) -> tuple[int, int, int, int]:
    out = tmp_path / "out.wav"
    out.write_bytes(data)
    with wave.open(str(out), "rb") as joined:
        return (joined.getnchannels(), joined.getsampwidth(), joined.getframerate(),
                joined.getnframes())


def test_assemble_joins_the_clips_of_a_call(tmp_path: Path) -> None:
    paths = voice.clip_paths(voice.call_clips("A-012", "3"))
    frames = sum(_frames(p) for p in paths)
    assert _read(voice.assemble(paths, gap_ms=0), tmp_path) == (1, 2, 22050, frames)
    gap = 22050 * voice.GAP_MS // 1000
    assert _read(voice.assemble(paths), tmp_path)[3] == frames + gap * (len(paths) - 1)


def test_assemble_keeps_the_sound(tmp_path: Path) -> None:
    first, second = voice.clip_path("a", "id"), voice.clip_path("nol", "id")
    with wave.open(str(first), "rb") as a, wave.open(str(second), "rb") as b:
        expected = a.readframes(a.getnframes()) + b"\0\0" * 2205 + b.readframes(b.getnframes())
    out = tmp_path / "joined.wav"
    out.write_bytes(voice.assemble([first, second], gap_ms=100))
    with wave.open(str(out), "rb") as joined:
        assert joined.readframes(joined.getnframes()) == expected


def _write(path: Path, rate: int, channels: int = 1, frames: int = 100) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\1\0" * channels * frames)
    return path


def test_a_clip_in_another_format_is_named(tmp_path: Path) -> None:
    odd = _write(tmp_path / "tiga.wav", 44100, channels=2)
    with pytest.raises(ValueError, match=r"tiga\.wav is 44100 Hz stereo 16-bit, but .*chime\.wav "
                                         r"is 22050 Hz mono 16-bit"):
        voice.assemble([voice.clip_path("chime", "id"), odd])


def test_a_broken_clip_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "dua.wav"
    broken.write_bytes(b"not a wav file")
    with pytest.raises(ValueError, match=r"dua\.wav cannot be read"):
        voice.assemble([broken])
    with pytest.raises(ValueError, match="no clips"):
        voice.assemble([])


def test_eight_bit_gaps_are_silent(tmp_path: Path) -> None:
    paths = []
    for name in ("x", "y"):
        with wave.open(str(tmp_path / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(1)
            out.setframerate(8000)
            out.writeframes(b"\xff" * 10)
        paths.append(tmp_path / f"{name}.wav")
    out = tmp_path / "out.wav"
    out.write_bytes(voice.assemble(paths, gap_ms=1))
    with wave.open(str(out), "rb") as joined:
        assert joined.readframes(100) == b"\xff" * 10 + b"\x80" * 8 + b"\xff" * 10
