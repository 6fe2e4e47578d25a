"""Regenerate the display board's voice clips in assets/voice/ (see assets/voice/README.md).

Every word clip is spoken by espeak-ng (`apt-get install espeak-ng`), trimmed of its leading
and trailing silence, given a short fade and brought to one peak level; the chime is
synthesised here. All clips come out 22050 Hz mono 16-bit, espeak-ng's own format.

    python scripts/make-voice-clips.py                  # Indonesian, the clips in the repository
    python scripts/make-voice-clips.py --lang en        # English too (not committed: size)
    python scripts/make-voice-clips.py --speed 130      # slower speech
"""

from __future__ import annotations

import argparse
import array
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from kiosk import voice  # noqa: E402

RATE = 22050  # espeak-ng's native rate: no resampling needed
PEAK = 0.7 * 32767  # every clip peaks here, so no word is louder than its neighbours
SILENCE = 0.02 * 32767  # quieter than this at either end is trimmed away
KEEP_MS = 15  # kept before the first and after the last sound, so consonants are not clipped
FADE_MS = 8  # a short fade at both ends so clips join without a click

# What espeak-ng is given for each clip: a letter alone in capitals is read by its name in
# both voices ("be", "ka"; "bee", "kay"); words and phrases as written.
PHRASES = {
    "id": {"nomor-antrian": "nomor antrian", "silakan-menuju-loket": "silakan menuju loket"},
    "en": {"number": "number", "please-go-to-counter": "please go to counter"},
}


def spoken_text(name: str, lang: str) -> str:
    if name in voice.LETTERS:
        return name.upper()
    return PHRASES[lang].get(name, name)


def speak(text: str, lang: str, speed: int) -> array.array:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "clip.wav"
        subprocess.run(["espeak-ng", "-v", lang, "-s", str(speed), "-w", str(out), text],
                       check=True, capture_output=True)
        with wave.open(str(out), "rb") as clip:
            if (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) != (1, 2, RATE):
                sys.exit(f"espeak-ng wrote {out.name} in an unexpected format: {clip.getparams()}")
            samples = array.array("h", clip.readframes(clip.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    return samples


def tidy(samples: array.array) -> array.array:
    """Trim silence at both ends, fade in and out, bring the peak to PEAK."""
    loud = [i for i, s in enumerate(samples) if abs(s) > SILENCE]
    if not loud:
        raise ValueError("espeak-ng produced only silence")
    keep = RATE * KEEP_MS // 1000
    start, end = max(loud[0] - keep, 0), min(loud[-1] + keep + 1, len(samples))
    clip = [float(s) for s in samples[start:end]]
    fade = min(RATE * FADE_MS // 1000, len(clip) // 2)
    for i in range(fade):
        clip[i] *= i / fade
        clip[-1 - i] *= i / fade
    gain = PEAK / max(abs(s) for s in clip)
    return array.array("h", (round(s * gain) for s in clip))


def chime() -> array.array:
    """A three-tone "ding-dong-dong" (E5, C5, G4), each note a sine with a little of its
    octave and twelfth for a bell-like sound, struck and decaying."""
    notes = [(0.0, 659.25), (0.38, 523.25), (0.76, 392.0)]
    length = 1.8
    out = [0.0] * int(RATE * length)
    for start, freq in notes:
        first = int(start * RATE)
        for i in range(len(out) - first):
            t = i / RATE
            attack = min(t / 0.006, 1.0)  # 6 ms: a soft strike, no click
            decay = math.exp(-t / 0.45)
            tone = (math.sin(2 * math.pi * freq * t)
                    + 0.3 * math.sin(2 * math.pi * 2 * freq * t) * math.exp(-t / 0.15)
                    + 0.1 * math.sin(2 * math.pi * 3 * freq * t) * math.exp(-t / 0.08))
            out[first + i] += attack * decay * tone
    # Fade the last 100 ms so the tail ends in silence, not a cut.
    tail = RATE // 10
    for i in range(tail):
        out[-1 - i] *= i / tail
    gain = PEAK / max(abs(s) for s in out)
    return array.array("h", (round(s * gain) for s in out))


def write(path: Path, samples: array.array) -> None:
    if sys.byteorder == "big":
        samples = array.array("h", samples)
        samples.byteswap()
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=voice.LANGS, action="append",
                        help="a language to make (repeatable; default: id)")
    parser.add_argument("--speed", type=int, default=140, help="espeak-ng words per minute")
    parser.add_argument("--out", type=Path, default=voice.VOICE_DIR, help="the voice folder")
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is not installed (Debian/Ubuntu: apt-get install espeak-ng)")

    chime_samples = chime()
    total = 0
    for lang in args.lang or ["id"]:
        for name in voice.clip_names(lang):
            samples = chime_samples if name == voice.CHIME else tidy(
                speak(spoken_text(name, lang), lang, args.speed))
            path = voice.clip_path(name, lang, args.out)
            write(path, samples)
            total += path.stat().st_size
            print(f"{path.relative_to(args.out)}  {len(samples) / RATE:.2f} s")
    print(f"{total / 1024:.0f} KiB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
