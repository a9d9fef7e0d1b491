"""
Write N synthetic portal pages, built by varying the seed pages, for the import benchmark.

    python bench/make_corpus.py 10000 /tmp/corpus

Every page keeps its seed's layout (chrome, lists of other news, one giant
line for seed 004) and changes what makes an article distinct: its title,
its date, the numbers in and the order of its paragraphs, and the titles of
the teasers listed around it. Deterministic for a given N.
"""

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.importer.parsing import parse_page  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOPICS = [
    "phòng, chống tội phạm ma túy", "dẫn độ tội phạm", "chống khủng bố", "an ninh mạng",
    "phòng, chống mua bán người", "truy nã quốc tế", "chống rửa tiền", "quản lý biên giới",
    "tương trợ tư pháp hình sự", "phòng, chống tội phạm công nghệ cao",
]  # fmt: skip
PARTNERS = [
    "Lào",
    "Campuchia",
    "Trung Quốc",
    "Hàn Quốc",
    "Nhật Bản",
    "Australia",
    "Hoa Kỳ",
    "Italy",
    "Belarus",
]
DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
# Two- or three-digit numbers in prose, not parts of dates, times or decimals.
NUMBER = re.compile(r"(?<![\d/:.,-])\b\d{2,3}\b(?![/:\d]|[.,]\d)")


def vary(text, rng, index):
    page = parse_page(text)
    title = f"{page.title} – {rng.choice(TOPICS)} với {rng.choice(PARTNERS)} (số {index})"
    brief_titles = {brief.title: f"{brief.title} – bản tin {rng.randint(1, 2000)}" for brief in page.briefs}
    paragraphs = set(page.paragraphs)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2026)
    lines = []
    for line in text.split("\n"):
        if line.strip() == page.title:
            line = line.replace(page.title, title)
        elif line.strip() in brief_titles:
            line = line.replace(line.strip(), brief_titles[line.strip()])
        elif line.strip() in paragraphs:
            line = NUMBER.sub(lambda _: str(rng.randint(10, 999)), line)
        lines.append(DATE.sub(f"{day:02d}/{month:02d}/{year}", line, count=1))
    # Shuffle the article's own paragraphs among their places; the layout stays.
    body = set(page.paragraphs[1:-1])
    places = [i for i, line in enumerate(text.split("\n")) if line.strip() in body]
    moved = [lines[i] for i in places]
    rng.shuffle(moved)
    for place, line in zip(places, moved, strict=True):
        lines[place] = line
    return "\n".join(lines)


def main(count, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(count)
    for index in range(count):
        page = vary(seeds[index % len(seeds)], rng, index)
        (folder / f"page_{index:06d}.txt").write_text(page, "utf-8")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
