from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage

from ui.photos import STORED_EDGE, PhotoError, photo_from_file, round_thumbnail


def picture(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#7A3E48"))
    assert image.save(str(path))
    return path


def size_of(data: bytes) -> tuple[int, int]:
    image = QImage()
    assert image.loadFromData(QByteArray(data))
    return image.width(), image.height()


def test_a_large_photo_is_stored_small_and_keeps_its_shape(tmp_path: Path) -> None:
    data = photo_from_file(str(picture(tmp_path / "big.png", 4000, 3000)))
    assert size_of(data) == (STORED_EDGE, STORED_EDGE * 3 // 4)
    assert data[:2] == b"\xff\xd8"  # JPEG
    assert len(data) < 100_000


def test_a_small_photo_is_not_enlarged(tmp_path: Path) -> None:
    assert size_of(photo_from_file(str(picture(tmp_path / "small.png", 120, 90)))) == (120, 90)


@pytest.mark.parametrize(
    "content", [b"", b"BEGIN:VCARD\r\nEND:VCARD\r\n", b"\x89PNG\r\n\x1a\n\x00garbage"]
)
def test_a_file_that_is_not_a_picture_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(content)
    with pytest.raises(PhotoError):
        photo_from_file(str(path))


def test_thumbnails_are_round_and_cached(tmp_path: Path, qapp) -> None:
    data = photo_from_file(str(picture(tmp_path / "p.png", 800, 600)))
    first = round_thumbnail(data, 64)
    assert (first.width(), first.height()) == (64, 64)
    corner = first.toImage().pixelColor(0, 0)
    assert corner.alpha() == 0  # outside the circle
    assert round_thumbnail(data, 64).cacheKey() == first.cacheKey()
