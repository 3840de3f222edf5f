"""A drawn picture for the demo: the publication has no photos we may use, so Dorpshuis
Smilde gets an illustration (a village hall with people at the door), drawn here, so that
the A3 poster and the pages show how an initiative's photo looks. The demo banner says the
site is a demo; the picture is plainly a drawing, not a photo of a real place or person.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 900
SKY, GRASS, WALL, ROOF, DOOR, WINDOW = (
    (196, 224, 236),
    (118, 164, 96),
    (186, 96, 62),
    (64, 52, 48),
    (90, 60, 40),
    (250, 226, 150),
)
PEOPLE = ((10, 85, 112), (240, 181, 74), (30, 107, 58), (164, 22, 26), (74, 82, 91))


def village_hall_picture() -> bytes:
    """The illustration as JPEG bytes (the upload path re-encodes it as it would a photo)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), SKY)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 600, WIDTH, HEIGHT], fill=GRASS)
    draw.ellipse([1260, 80, 1420, 240], fill=(255, 214, 120))  # the sun
    draw.rectangle([420, 330, 1180, 640], fill=WALL)  # the hall
    draw.polygon([(380, 340), (800, 120), (1220, 340)], fill=ROOF)
    draw.rectangle([740, 470, 860, 640], fill=DOOR)
    for left in (480, 600, 920, 1040):
        draw.rectangle([left, 400, left + 80, 480], fill=WINDOW)
    for index, colour in enumerate(PEOPLE):  # people on their way in
        x = 300 + index * 120 + (index >= 3) * 620
        draw.ellipse([x, 600, x + 44, 644], fill=(233, 196, 160))
        draw.rounded_rectangle([x - 10, 648, x + 54, 780], radius=22, fill=colour)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=88)
    return output.getvalue()
