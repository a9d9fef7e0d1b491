"""
Importing scraped portal pages: the one write path behind ``import_seeds``
and the admin's upload page.

Each file is read, decoded and parsed without touching the database. A
batch of files is then written with bulk inserts in one transaction; if the
database refuses anything, the batch is undone and written again file by
file, each in its own savepoint, so that a bad file is reported, leaves
nothing behind and never stops the others.
"""

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC
from functools import cached_property

from django.conf import settings
from django.db import DatabaseError, transaction

from ..content.slugs import unique_slugs
from ..models import Article, ArticleImage, Category, Portal, Source
from ..text.folding import nfc
from ..text.searchable import html_text, search_words
from .bulk import insert_new, refresh_statistics
from .files import PageFile, page_files
from .models import ArticleImport
from .parsing import PageError, ParsedPage, portal_domain
from .pipeline import ParsePipeline, fewer_garbage_collections
from .signals import page_analysers, pages_imported

BATCH_SIZE = 200
# Two pages with the same outlet, title and date are one article re-scraped
# unless their words overlap less than this (then they are two articles).
SAME_ARTICLE_MIN_OVERLAP = 0.5
# What a page gives an article; a re-import refreshes each unless an editor changed it.
IMPORTED_FIELDS = (
    "title", "lead", "body", "byline", "source", "portal", "category", "published_at", "published_precision",
    "language",
)  # fmt: skip


@dataclass
class FileReport:
    """What importing one file did."""

    name: str
    status: str  # created | updated | unchanged | failed
    title: str = ""
    slug: str = ""
    changes: list = field(default_factory=list)
    briefs_created: int = 0
    briefs_updated: int = 0
    briefs_unchanged: int = 0
    left_alone: list = field(default_factory=list)  # what the page changed but an editor's decision kept
    error: str = ""
    error_code: str = ""

    def as_dict(self):
        return asdict(self)


def import_paths(paths, **options):
    """Import every page file behind ``paths``; yields one FileReport per file."""
    return import_files(page_files(paths, max_bytes=settings.IMPORT_MAX_FILE_BYTES), **options)


def count_page_files(paths):
    """How many reports ``import_paths(paths)`` will yield: the files listed, none of them read."""
    return sum(1 for _ in page_files(paths, max_bytes=settings.IMPORT_MAX_FILE_BYTES))


def import_files(files, *, with_briefs=True, dry_run=False, workers=0, batch_size=BATCH_SIZE):
    """
    Import ``PageFile`` objects, yielding a FileReport for each as soon as
    its batch is written. With ``dry_run`` everything is done and reported
    but rolled back. ``workers`` processes parse pages while this one
    writes; none (parse here) suits small imports.
    """
    importer = _Importer(with_briefs=with_briefs, workers=workers, batch_size=batch_size)
    files = iter(files)
    with fewer_garbage_collections():
        if dry_run:
            with transaction.atomic():
                yield from importer.run(files)
                transaction.set_rollback(True)
        else:
            yield from importer.run(files)


def _differs(article, name, value):
    field = Article._meta.get_field(name)
    if field.is_relation:
        # Compare keys, not objects: no query per foreign key.
        return getattr(article, field.attname) != (value.pk if value is not None else None)
    return getattr(article, name) != value


def _digest(value):
    if isinstance(value, str):
        value = str(value)  # a choice ("minute") digests as its stored text
    if hasattr(value, "astimezone"):
        value = value.astimezone(UTC).isoformat()
    return hashlib.blake2b(repr(value).encode(), digest_size=8).hexdigest()


def _image_rows(rows):
    return [(name, nfc(caption).strip(), nfc(credit).strip(), file) for name, caption, credit, file in rows]


def _imported_values(article, images, tags):
    """What the import decides of an article, in the form its digests are taken of."""
    values = {name: getattr(article, Article._meta.get_field(name).attname) for name in IMPORTED_FIELDS}
    values["images"] = _image_rows(images)
    values["tags"] = sorted(tags)
    return values


def _word_set(text):
    return set(search_words(html_text(text)))


def _overlap(first, second):
    a, b = _word_set(first), _word_set(second)
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class _Page:
    """A file read, parsed and identified."""

    file: PageFile
    page: ParsedPage

    @property
    def keys(self):
        return [self.page.key, *(brief.key for brief in self.page.briefs)]


@dataclass
class _Writes:
    """Rows a batch will insert together, and what to report for each file."""

    articles: list = field(default_factory=list)  # new articles and briefs, in order
    images: list = field(default_factory=list)  # (new article, [(file name, caption, credit)])
    tags: dict = field(default_factory=dict)  # id(new article): (new article, tag names)
    imports: list = field(default_factory=list)  # (article, ArticleImport fields)
    reports: list = field(default_factory=list)  # (FileReport, article whose slug it shows)


class _Importer:
    def __init__(self, *, with_briefs, workers, batch_size):
        self.with_briefs = with_briefs
        self.workers = workers
        self.batch_size = batch_size
        self.state = {}  # for receivers of pages_imported
        self.analysers = [(name, make()) for name, make in page_analysers.items()]
        self.sources, self.portals, self.categories = {}, {}, {}

    def run(self, files):
        pipeline = ParsePipeline(
            batch_size=self.batch_size,
            workers=self.workers,
            analysers=self.analysers,
            stored=self.stored,
            max_bytes=settings.IMPORT_MAX_FILE_BYTES,
        )
        created = 0
        for batch, results in pipeline.batches(files):
            items = [self._item(page_file, result) for page_file, result in zip(batch, results, strict=True)]
            pages = [item for item in items if isinstance(item, _Page)]
            keys = {key for page in pages for key in page.keys}
            known = {a.import_key: a for a in Article.objects.filter(import_key__in=keys)} if keys else {}
            with transaction.atomic():
                written = self._write_batch(pages, known)
            reports = [written[id(item)] if isinstance(item, _Page) else item for item in items]
            created += sum(report.status == "created" for report in reports)
            yield from reports
        if created and not transaction.get_connection().in_atomic_block:
            refresh_statistics(created)

    @cached_property
    def stored(self):
        """Fingerprints of the articles stored before this import: their pages need no analysis."""
        if not self.analysers:
            return frozenset()
        return frozenset(Article.objects.articles().values_list("content_hash", flat=True))

    def _item(self, page_file, result):
        if isinstance(result, PageError):
            return FileReport(page_file.name, "failed", error=str(result), error_code=result.code)
        return _Page(page_file, result)

    def _write_batch(self, pages, known):
        """
        Write the whole batch with bulk inserts; should the database refuse
        anything, undo the batch and write file by file, each in its own
        savepoint, so that only the bad file fails.
        """
        snapshot = dict(known)
        try:
            with transaction.atomic():
                return self._write(pages, known)
        except DatabaseError:
            known.clear()
            known.update(snapshot)
            self._forget_lookups()
        written = {}
        for page in pages:
            before = dict(known)
            try:
                with transaction.atomic():
                    written.update(self._write([page], known))
            except DatabaseError as error:
                known.clear()
                known.update(before)
                self._forget_lookups()
                written[id(page)] = FileReport(
                    page.file.name,
                    "failed",
                    title=page.page.title,
                    error=f"Database error: {error}",
                    error_code="db",
                )
        return written

    def _forget_lookups(self):
        # Rows created in a rolled-back savepoint are gone; so must their cache be.
        self.sources, self.portals, self.categories = {}, {}, {}
        self.state.clear()

    def _write(self, pages, known):
        writes = _Writes()
        for page in pages:
            report = self._article(page, known, writes)
            if self.with_briefs:
                self._briefs(page, known, writes, report)
        self._flush(writes)
        imported = [
            (article, page.page)
            for page, (report, article) in zip(pages, writes.reports, strict=True)
            if report.status != "unchanged" and article.kind == Article.Kind.ARTICLE
        ]
        pages_imported.send(
            sender=type(self),
            articles=[article for article, _ in imported],
            pages=[page for _, page in imported],
            state=self.state,
        )
        for report, article in writes.reports:
            report.slug = article.slug
        return {id(page): report for page, (report, _) in zip(pages, writes.reports, strict=True)}

    def _flush(self, writes):
        """Insert what the batch has gathered so far."""
        new = writes.articles
        for article in new:
            article.prepare()
        for article, images in writes.images:
            _, tags = writes.tags.get(id(article), (article, ()))
            values = _imported_values(article, [(*image, "") for image in images], tags)
            article.imported_digests = {name: _digest(value) for name, value in values.items()}
        unique_slugs(new, [article.title for article in new])
        insert_new(Article, new)
        insert_new(
            ArticleImage,
            [
                ArticleImage(
                    article=article, original_filename=name, caption=caption, credit=credit, position=index
                )
                for article, images in writes.images
                for index, (name, caption, credit) in enumerate(images)
            ],
        )
        for article, tags in writes.tags.values():
            article.tags.set(tags)
        insert_new(
            ArticleImport, [ArticleImport(article=article, **fields) for article, fields in writes.imports]
        )
        for pending in (writes.articles, writes.images, writes.tags, writes.imports):
            pending.clear()

    # Articles ---------------------------------------------------------------

    def _article_fields(self, page, key):
        return {
            "title": page.title,
            "kind": Article.Kind.ARTICLE,
            "lead": page.lead,
            "body": page.body_html,
            "byline": page.byline,
            "source": self._source(page.source),
            "portal": self._portal(page.portal),
            "category": self._category(page.category_path),
            "published_at": page.published_at,
            "published_precision": page.published_precision or Article.DatePrecision.MINUTE,
            "language": page.language,
            "status": Article.Status.PUBLISHED,
            "import_key": key,
        }

    def _article(self, item, known, writes):
        page, name, key, content_hash = item.page, item.file.name, item.page.key, item.page.fingerprint
        fields = self._article_fields(page, key)
        images = [(image.original_filename, image.caption, image.credit) for image in page.images]
        article = known.get(key)
        if article is not None and article.pk is None:
            # The same page twice in one batch: write the first before comparing.
            self._flush(writes)
        if (
            article is not None
            and article.kind == Article.Kind.ARTICLE
            and article.content_hash != content_hash
        ):
            text = f"{page.lead} {' '.join(page.paragraphs)}"
            if _overlap(text, f"{article.lead} {article.body}") < SAME_ARTICLE_MIN_OVERLAP:
                # Same outlet, title and day, different text: another article.
                key = page.alternate_key
                fields["import_key"] = key
                article = known.get(key) or Article.objects.filter(import_key=key).first()
        if article is None:
            article = Article(**fields, view_count=page.view_count or 0, content_hash=content_hash)
            known[key] = article
            writes.articles.append(article)
            writes.images.append((article, images))
            if page.tags:
                writes.tags[id(article)] = (article, list(page.tags))
            action, changes = ArticleImport.Action.CREATED, []
        elif article.content_hash == content_hash:
            report = FileReport(name, "unchanged", title=article.title)
            writes.reports.append((report, article))
            return report
        else:
            changes, left_alone = self._update(article, fields, page, images, content_hash)
            action = ArticleImport.Action.UPDATED
        writes.imports.append(
            (
                article,
                {
                    "file_name": name[:500],
                    "action": action,
                    "changed_fields": changes,
                    "content_hash": content_hash,
                    "page_date": page.page_date,
                },
            )
        )
        report = FileReport(
            name, str(action), title=article.title, changes=changes, left_alone=left_alone if changes else []
        )
        writes.reports.append((report, article))
        return report

    def _update(self, article, fields, page, images, content_hash):
        """
        Update a re-scraped article in place: slug, comments, ratings and
        local views stay, and so does whatever an editor decided — its
        status, and every field an editor changed since the last import
        (its value no longer matches the digest the import kept). Returns the
        fields changed and the fields the page would have changed but an
        editor's decision kept.
        """
        stored_images = [
            (i.original_filename, i.caption, i.credit, i.image.name or "") for i in article.images.all()
        ]
        current = _imported_values(article, stored_images, article.tags.names())
        incoming = {
            **{name: fields[name] for name in IMPORTED_FIELDS},
            "images": _image_rows([(*image, "") for image in images]),
            "tags": sorted(page.tags),
        }
        for name in IMPORTED_FIELDS:
            # Compare as stored: keys for relations, the prepared text for text.
            value = incoming[name]
            incoming[name] = value.pk if hasattr(value, "pk") else value
        probe = Article(**{name: fields[name] for name in ("title", "lead", "body", "byline")})
        probe.prepare()
        incoming.update(title=probe.title, lead=probe.lead, body=probe.body, byline=probe.byline)

        digests = dict(article.imported_digests or {})
        changes, left_alone = [], []
        for name, value in incoming.items():
            if _digest(value) == _digest(current[name]):
                continue
            if name in digests and digests[name] != _digest(current[name]):
                left_alone.append(name)
                continue
            changes.append(name)
            digests[name] = _digest(value)
            if name == "images":
                article.images.all().delete()
                ArticleImage.objects.bulk_create(
                    ArticleImage(article=article, original_filename=n, caption=c, credit=cr, position=i)
                    for i, (n, c, cr) in enumerate(images)
                )
            elif name == "tags":
                article.tags.set(list(page.tags))
            else:
                setattr(article, name, fields[name])
        if article.kind != Article.Kind.ARTICLE:
            # A brief found again as a full page becomes that article.
            article.kind = Article.Kind.ARTICLE
            changes.append("kind")
        if article.status != Article.Status.PUBLISHED:
            left_alone.append("status")
        if page.view_count is not None and page.view_count > article.view_count:
            article.view_count = page.view_count
            changes.append("view_count")
        article.import_key = fields["import_key"]
        article.content_hash = content_hash
        article.imported_digests = digests
        article.save()
        return changes, left_alone

    # Briefs -----------------------------------------------------------------

    def _briefs(self, item, known, writes, report):
        for brief in item.page.briefs:
            fields = {
                "title": brief.title,
                "kind": Article.Kind.BRIEF,
                "lead": brief.summary,
                "portal": self._portal(brief.portal),
                "category": self._category((brief.category,) if brief.category else ()),
                "published_at": brief.published_at,
                "published_precision": brief.published_precision or Article.DatePrecision.MINUTE,
                "language": brief.language,
                "status": Article.Status.PUBLISHED,
                "import_key": brief.key,
            }
            existing = known.get(brief.key)
            if existing is None:
                known[brief.key] = Article(**fields, content_hash=brief.fingerprint)
                writes.articles.append(known[brief.key])
                report.briefs_created += 1
            elif (
                existing.kind == Article.Kind.ARTICLE
                or existing.content_hash == brief.fingerprint
                or not existing.pk
            ):
                # Never turn a full article back into a brief; a brief met
                # twice in one batch is written once.
                report.briefs_unchanged += 1
            else:
                for name, value in fields.items():
                    setattr(existing, name, value)
                existing.content_hash = brief.fingerprint
                existing.save()
                report.briefs_updated += 1

    # Lookups, remembered for the whole import -------------------------------

    def _source(self, name):
        if not name:
            return None
        if name not in self.sources:
            self.sources[name] = Source.objects.get_or_create(name=name)[0]
        return self.sources[name]

    def _portal(self, name):
        if not name:
            return None
        if name not in self.portals:
            self.portals[name] = Portal.objects.get_or_create(
                name=name, defaults={"domain": portal_domain(name)}
            )[0]
        return self.portals[name]

    def _category(self, path):
        if not path:
            return None
        if path not in self.categories:
            parent = self._category(path[:-1])
            self.categories[path] = Category.objects.get_or_create(name=path[-1], parent=parent)[0]
        return self.categories[path]
