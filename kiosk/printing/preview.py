"""A picture of a printed slip, from the bytes a printer received (the demo's printer shows
each ticket as a PNG): text lines at their size, raster images as sent, native QR codes drawn
as the printer would."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.paths import ASSETS
from kiosk.printing.decode import Line, Raster, read_job

LINE_DOTS = 30  # font A: 24-dot characters with the default line spacing
MARGIN = 16


def slip_image(job: bytes, width_dots: int) -> Image.Image:
    """The slip as a white strip `width_dots` wide (576 for 80 mm, 384 for 58 mm)."""
    printout = read_job(job)
    parts: list[Image.Image] = []
    for block in printout.blocks:
        if isinstance(block, Line):
            parts.append(_line(block, width_dots))
        elif isinstance(block, Raster):
            parts.append(_raster(block))
        else:
            parts.append(_native_qr(block))
    height = sum(part.height for part in parts) + 2 * MARGIN
    slip = Image.new("L", (width_dots, height), 255)
    y = MARGIN
    for part, block in zip(parts, printout.blocks, strict=True):
        centred = not isinstance(block, Line) or block.align == 1
        x = (width_dots - part.width) // 2 if centred else 0
        slip.paste(part, (max(0, x), y))
        y += part.height
    return slip


def save_slip(job: bytes, width_dots: int, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    slip_image(job, width_dots).save(out, "PNG")
    return out


def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return ImageFont.truetype(str(ASSETS / "fonts" / name), size)


def _line(line: Line, width: int) -> Image.Image:
    height = LINE_DOTS * line.scale
    image = Image.new("L", (width, height), 0 if line.inverted else 255)
    if line.text:
        font = _font(int(22 * line.scale), line.bold)
        draw = ImageDraw.Draw(image)
        text_width = draw.textlength(line.text, font=font)
        image = image.crop((0, 0, min(width, int(text_width) + 8), height))
        ImageDraw.Draw(image).text((4, 2), line.text, font=font,
                                   fill=255 if line.inverted else 0)
    return image


def _raster(raster: Raster) -> Image.Image:
    image = Image.frombytes("1", (raster.width_bytes * 8, raster.height), raster.rows)
    return Image.eval(image.convert("L"), lambda value: 255 - value)  # 1 bits are dots: black


def _native_qr(data: str) -> Image.Image:
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=7, border=1)
    code.add_data(data)
    return code.make_image().get_image().convert("L")
