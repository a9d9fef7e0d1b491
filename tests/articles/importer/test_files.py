import io
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from unittest import mock

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")
from django.test import SimpleTestCase

from articles.importer.files import decode_page, html_to_text, page_files
from articles.importer.parsing import PageError, parse_page

LIMIT = 5_000_000
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text):
    """Encode as Vietnamese Windows pages are: base letters, tone marks combining."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(mark for mark in decomposed if mark in TONE_MARKS)
            base = unicodedata.normalize(
                "NFC", "".join(mark for mark in decomposed if mark not in TONE_MARKS)
            )
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


class DecodePageTests(SimpleTestCase):
    text = "Bộ Công an Việt Nam đẩy mạnh hợp tác quốc tế trong đấu tranh phòng, chống tội phạm."

    def assertRefused(self, data, code, **kwargs):
        with self.assertRaises(PageError) as raised:
            decode_page(data, max_bytes=kwargs.get("max_bytes", LIMIT))
        self.assertEqual(raised.exception.code, code)
        return str(raised.exception)

    def test_utf8_passes_through(self):
        """Ordinary UTF-8 text, with or without a byte-order mark, is read as it is."""
        self.assertEqual(decode_page(self.text.encode(), max_bytes=LIMIT), self.text)
        self.assertEqual(decode_page(b"\xef\xbb\xbf" + self.text.encode(), max_bytes=LIMIT), self.text)

    def test_empty_and_whitespace(self):
        """Empty and whitespace-only files are refused as empty."""
        self.assertRefused(b"", "empty")
        self.assertEqual(self.assertRefused(b"  \n\t\r\n ", "empty"), "The file is empty.")

    def test_utf16_with_bad_bytes_is_refused(self):
        """A UTF-16 byte-order mark followed by odd-length or unpaired bytes is refused, not crashed on."""
        self.assertRefused(b"\xff\xfe" + "Bộ Công an".encode("utf-16-le") + b"\x41", "encoding")
        self.assertRefused(b"\xfe\xff\xd8\x00\x00\x41", "encoding")

    def test_binary(self):
        """Binary data is refused, not imported as text."""
        message = self.assertRefused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary")
        self.assertIn("binary", message)

    def test_over_the_limit(self):
        """Data over the size limit is refused with both sizes in the message."""
        message = self.assertRefused(b"a" * 2_000_001, "too_large", max_bytes=2_000_000)
        self.assertEqual(message, "The file is 2.0 MB; the limit is 2.0 MB.")

    def test_windows_1258_is_read(self):
        """A Windows-1258 page comes out as the same NFC text."""
        data = windows_1258(self.text)
        self.assertRaises(UnicodeDecodeError, data.decode, "utf-8")
        self.assertEqual(decode_page(data, max_bytes=LIMIT), self.text)

    def test_mojibake_is_repaired(self):
        """UTF-8 read as Windows-1252 ("Bá»™ CÃ´ng an") is repaired by ftfy, never stored garbled."""
        garbled = self.text.encode("utf-8").decode("sloppy-windows-1252")
        self.assertIn("Bá»™ CÃ´ng an", garbled)
        self.assertEqual(decode_page(garbled.encode("utf-8"), max_bytes=LIMIT), self.text)

    def test_mojibake_from_latin_1_is_repaired(self):
        """The same damage through Latin-1 (control characters instead of ™) is repaired too."""
        garbled = self.text.encode("utf-8").decode("latin-1")
        self.assertIn("Bá»\x99 CÃ´ng an", garbled)
        self.assertEqual(decode_page(garbled.encode("utf-8"), max_bytes=LIMIT), self.text)

    def test_nfd_becomes_nfc(self):
        """A decomposed page is stored composed."""
        nfd = unicodedata.normalize("NFD", self.text)
        self.assertEqual(decode_page(nfd.encode(), max_bytes=LIMIT), self.text)


class HtmlPageTests(SimpleTestCase):
    page = """<!DOCTYPE html><html><head><title>ANTV</title><script>var x = "<p>tracking</p>";</script>
      <style>p { color: red }</style></head>
      <body><nav><a href="/">Trang chủ</a></nav>
      <h1 onclick="steal()">Hội đàm giữa Bộ Công an Việt Nam và Interpol</h1>
      <p>Thứ Năm, ngày 30/09/2021 | 08:20</p>
      <p onmouseover="alert(1)">Bộ trưởng Bộ Công an đã hội đàm với Tổng Thư ký Interpol về hợp tác
        phòng, chống <b>tội phạm</b> xuyên quốc gia tại Hà Nội.</p>
      <figure><img src="/uploads/2021/hoi-dam.jpg?w=800" onerror="alert(2)">
        <figcaption>Toàn cảnh buổi hội đàm.</figcaption></figure>
      <p>Hai bên nhất trí tăng cường trao đổi thông tin, <a href="javascript:alert(3)">phối hợp</a> điều tra
        các vụ án có yếu tố nước ngoài và truy bắt đối tượng truy nã.</p>
      <script>document.write("<p>injected</p>")</script>
      <p>Theo CAND</p></body></html>"""

    def test_visible_text_one_block_per_line(self):
        """Blocks become lines; inline markup is flattened; pictures leave their file name."""
        text = html_to_text(self.page)
        self.assertEqual(
            text.splitlines()[:3],
            ["Trang chủ", "Hội đàm giữa Bộ Công an Việt Nam và Interpol", "Thứ Năm, ngày 30/09/2021 | 08:20"],
        )
        self.assertIn("phòng, chống tội phạm xuyên quốc gia tại Hà Nội.", text)
        self.assertIn("hoi-dam.jpg\nToàn cảnh buổi hội đàm.", text)

    def test_a_table_keeps_its_rows_and_becomes_a_table_again(self):
        """Each row is one line with its cells between bars; in the article it is a table."""
        page = """<html><body><h1>Việt Nam và Lào ký kết ba văn kiện hợp tác về an ninh</h1>
          <p>Chiều 13/5, tại Viêng Chăn, Thứ trưởng Bộ Công an Việt Nam và Thứ trưởng Bộ An ninh Lào
            đã hội đàm và chứng kiến lễ ký kết ba văn kiện hợp tác giữa các đơn vị của hai Bộ.</p>
          <table><tr><th>STT</th><th>Văn kiện</th><th>Đại diện ký</th></tr>
            <tr><td>1</td><td>Biên bản hội đàm cấp Thứ trưởng năm 2024</td><td>Thượng tướng Lương Tam Quang</td></tr>
            <tr><td>2</td><td>Bản ghi nhớ về hợp tác đào tạo</td><td>Thiếu tướng Đỗ Quang Minh</td></tr></table>
          <p>Theo Thỏa thuận, Bộ Công an Việt Nam sẽ hỗ trợ Cục Cảnh sát chống ma túy Lào phương tiện,
            thiết bị giám định nhanh và đào tạo cán bộ trong năm 2024.</p></body></html>"""
        text = html_to_text(page)
        self.assertIn(
            "1 | Biên bản hội đàm cấp Thứ trưởng năm 2024 | Thượng tướng Lương Tam Quang", text.splitlines()
        )
        body = parse_page(text).body_html
        self.assertIn(
            "<tr><td>2</td><td>Bản ghi nhớ về hợp tác đào tạo</td><td>Thiếu tướng Đỗ Quang Minh</td></tr>",
            body,
        )
        self.assertEqual(body.count("<table>"), 1)

    def test_no_markup_survives(self):
        """Scripts, styles, handlers and javascript: links leave nothing behind."""
        page = parse_page(decode_page(self.page.encode(), max_bytes=LIMIT))
        everything = repr(page)
        for unsafe in [
            "<",
            "script",
            "tracking",
            "injected",
            "onclick",
            "onmouseover",
            "alert",
            "javascript",
            "color",
        ]:
            with self.subTest(unsafe=unsafe):
                self.assertNotIn(unsafe, everything)
        self.assertEqual(page.title, "Hội đàm giữa Bộ Công an Việt Nam và Interpol")
        self.assertEqual(page.source, "CAND")
        self.assertEqual(page.images[0].original_filename, "hoi-dam.jpg")
        self.assertEqual(page.images[0].caption, "Toàn cảnh buổi hội đàm.")


class PageFilesTests(SimpleTestCase):
    def setUp(self):
        self.folder = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def names(self, files):
        return [Path(f.name.split(":")[-1]).name for f in files]

    def test_folder_is_searched_in_name_order(self):
        """Page files in a folder and its sub-folders come in name order; other files are skipped."""
        (self.folder / "sub").mkdir()
        for name in ["b.txt", "a.html", "sub/c.txt", "notes.pdf"]:
            (self.folder / name).write_text("x")
        self.assertEqual(self.names(page_files([self.folder], max_bytes=LIMIT)), ["a.html", "b.txt", "c.txt"])

    def test_large_file_is_refused_before_it_is_read(self):
        """A file over the limit is reported without its bytes ever being read."""
        big = self.folder / "big.txt"
        big.write_bytes(b"x" * 2048)
        with mock.patch.object(Path, "read_bytes") as read_bytes:
            (page_file,) = page_files([big], max_bytes=1024)
            with self.assertRaises(PageError) as raised:
                page_file.read()
        read_bytes.assert_not_called()
        self.assertEqual(raised.exception.code, "too_large")

    def make_zip(self, members, *, name="batch.zip"):
        path = self.folder / name
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for member, data in members.items():
                archive.writestr(member, data)
        return path

    def test_zip_members(self):
        """A .zip's page files are imported one by one, named after the archive."""
        archive = self.make_zip({"2/b.txt": "bé", "a.txt": "a", "readme.md": "x"})
        files = list(page_files([archive], max_bytes=LIMIT))
        self.assertEqual([f.name.split(":", 1)[1] for f in files], ["2/b.txt", "a.txt"])
        self.assertEqual(files[0].read(), "bé".encode())

    def test_decompression_bomb_is_refused_unread(self):
        """A member that expands hugely is refused from its header, before decompression."""
        archive = self.make_zip({"bomb.txt": b"\0" * 3_000_000})
        (page_file,) = page_files([archive], max_bytes=LIMIT, max_zip_ratio=100)
        with mock.patch.object(zipfile.ZipFile, "open") as opened, self.assertRaises(PageError) as raised:
            page_file.read()
        opened.assert_not_called()
        self.assertEqual(raised.exception.code, "zip_bomb")

    def test_zip_member_over_the_limit(self):
        """A member larger than the limit is refused from its declared size."""
        archive = self.make_zip({"big.txt": io.BytesIO(b"abc" * 700).getvalue()})
        (page_file,) = page_files([archive], max_bytes=1000)
        with self.assertRaises(PageError) as raised:
            page_file.read()
        self.assertEqual(raised.exception.code, "too_large")

    def test_damaged_zip(self):
        """A file named .zip that is not one is reported, not crashed on."""
        path = self.folder / "broken.zip"
        path.write_bytes(b"PK\x03\x04 not really")
        (page_file,) = page_files([path], max_bytes=LIMIT)
        with self.assertRaises(PageError) as raised:
            page_file.read()
        self.assertEqual(raised.exception.code, "zip")

    def damaged_member(self, damage):
        """A .zip whose page member is damaged by ``damage(local header offset, data) -> data``."""
        path = self.folder / "damaged.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr("tot.txt", "Trang tốt. " * 50)
            archive.writestr("hong.txt", "Trang hỏng. " * 50)
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            offset = archive.getinfo("hong.txt").header_offset
        path.write_bytes(damage(offset, data))
        return list(page_files([path], max_bytes=LIMIT))

    def test_a_member_with_a_bad_checksum_fails_alone(self):
        """A member whose bytes do not match its CRC is refused; the other members still read."""

        def flip_a_byte(offset, data):
            data[offset + 30 + len("hong.txt") + 5] ^= 0xFF
            return bytes(data)

        good, bad = self.damaged_member(flip_a_byte)[::-1]
        self.assertTrue(good.read().startswith("Trang tốt".encode()))
        with self.assertRaises(PageError) as raised:
            bad.read()
        self.assertEqual(raised.exception.code, "zip")

    def test_a_member_with_a_false_size_fails_alone(self):
        """A member whose directory entry declares another size is refused, not crashed on."""

        def shrink_the_declared_size(offset, data):
            entry = data.rindex(b"PK\x01\x02")  # the last entry of the directory is hong.txt's
            data[entry + 20 : entry + 28] = (10).to_bytes(4, "little") * 2
            return bytes(data)

        files = self.damaged_member(shrink_the_declared_size)
        bad = next(f for f in files if f.name.endswith("hong.txt"))
        with self.assertRaises(PageError) as raised:
            bad.read()
        self.assertEqual(raised.exception.code, "zip")

    def test_a_zip_inside_a_zip_is_reported(self):
        """An archive inside the archive is listed with its reason instead of being skipped unseen."""
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as archive:
            archive.writestr("a.txt", "a")
        files = list(
            page_files([self.make_zip({"trong.zip": inner.getvalue(), "b.txt": "b"})], max_bytes=LIMIT)
        )
        self.assertEqual([f.name.split(":", 1)[1] for f in files], ["b.txt", "trong.zip"])
        with self.assertRaises(PageError) as raised:
            files[1].read()
        self.assertEqual(raised.exception.code, "nested_zip")
