"""
How an import's files become parsed pages: read, decoded, parsed and
analysed in batches — in worker processes while the importing process
writes, when there are many — and handed back in file order. Touches no
database; the importer (``services.py``) writes what comes out.
"""

import gc
import logging
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import chain, islice, repeat

from .files import HTML_SUFFIXES, decode_page
from .parsing import PageError, parse_page

logger = logging.getLogger(__name__)

IMPORT_GC_THRESHOLD = 10_000
FIRST_BATCH_SIZE = 20

# Fingerprints of articles already stored, set once per worker process.
_stored_fingerprints = frozenset()


def start_parse_worker(fingerprints):
    """
    Initializer of a worker process: pages with these fingerprints are
    unchanged and need no analysis; the process only parses, so it may
    collect garbage as rarely as an import does.
    """
    global _stored_fingerprints
    _stored_fingerprints = frozenset(fingerprints)
    _collect_garbage_rarely()


@contextmanager
def fewer_garbage_collections():
    """
    Parsing and writing thousands of pages makes millions of short-lived
    objects and hardly any reference cycles: Python's default of a
    collection every 700 new objects spent 8 % of an import's time
    collecting (`bench/RESULTS.md`); every 10,000 meanwhile (fewer still kept
    more garbage in memory for no more speed).
    """
    previous = _collect_garbage_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _collect_garbage_rarely():
    previous = gc.get_threshold()
    gc.set_threshold(IMPORT_GC_THRESHOLD, *previous[1:])
    return previous


def parse_pages(files, *, max_bytes, analysers=(), stored=None):
    """
    Decode, parse and identify ``(name, data)`` pairs, data being bytes or
    the PageError met while reading them, and run each ``(name, analyse)``
    of ``analysers`` on every page not already stored unchanged (its
    fingerprint in ``stored``), keeping what it returns in
    ``page.analyses[name]``. Returns, in order, a ParsedPage or a PageError
    for each. Touches no database, so it can run in another process.
    """
    stored = _stored_fingerprints if stored is None else stored
    results = []
    for name, data in files:
        if isinstance(data, PageError):
            results.append(data)
            continue
        is_html = True if name.lower().endswith(HTML_SUFFIXES) else None
        try:
            page = parse_page(decode_page(data, max_bytes=max_bytes, is_html=is_html)).identify()
        except PageError as error:
            results.append(error)
            continue
        except Exception:
            # A defect met on one odd file must cost that file only, never the import.
            logger.exception("Reading %s failed", name)
            results.append(PageError("The page could not be read (an error in the importer).", code="crash"))
            continue
        if page.fingerprint not in stored:
            for analyser_name, analyse in analysers:
                try:
                    page.analyses[analyser_name] = analyse(page)
                except Exception:
                    # An analyser's failure must not cost the page its import.
                    logger.exception("Page analyser %s failed on %s", analyser_name, name)
        results.append(page)
    return results


def read_files(batch):
    """(name, bytes) for each file, or the PageError met reading it."""
    contents = []
    for page_file in batch:
        try:
            contents.append((page_file.name, page_file.read()))
        except PageError as error:
            contents.append((page_file.name, error))
    return contents


class ParsePipeline:
    """
    Parses an import's files batch by batch. ``stored`` holds the
    fingerprints of the articles already stored: their pages need no
    analysis. ``analysers`` are ``(name, analyse)`` pairs run on the others.
    """

    def __init__(self, *, batch_size, workers, analysers, stored, max_bytes):
        self.batch_size = batch_size
        self.workers = workers
        self.analysers = analysers
        self.stored = stored
        self.max_bytes = max_bytes

    def batches(self, files):
        """
        Batches of files with their parse results, in file order. With worker
        processes (started only once there is a second batch) the next
        batches are parsed there while this process writes; when the workers
        fall behind, this process parses a batch itself rather than wait.
        """
        # A small first batch: the first reports (and a progress bar) come within a second.
        sizes = chain([min(self.batch_size, FIRST_BATCH_SIZE)], repeat(self.batch_size))
        batches = iter(lambda: list(islice(files, next(sizes))), [])
        first = next(batches, None)
        second = next(batches, None) if first is not None and self.workers else None
        if second is None:
            for batch in filter(None, [first, *batches]):
                yield batch, self.parse(batch)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=start_parse_worker,
            initargs=(self.stored,),
        ) as pool:
            queue = deque()  # (batch, Future or parse results), in file order

            def in_workers():
                return sum(isinstance(job, Future) for _, job in queue)

            def submit(batch):
                future = pool.submit(
                    parse_pages, read_files(batch), max_bytes=self.max_bytes, analysers=self.analysers
                )
                queue.append((batch, future))

            submit(second)
            yield first, self.parse(first)
            # `batches` stops for good once the files run out, so next() then keeps giving None.
            while queue:
                # Two batches waiting for each worker, so that none idles while
                # this process parses one of its own.
                while in_workers() < 3 * self.workers and (batch := next(batches, None)):
                    submit(batch)
                batch, job = queue[0]
                behind = isinstance(job, Future) and not job.done()
                if behind and len(queue) - in_workers() <= self.workers and (local := next(batches, None)):
                    queue.append((local, self.parse(local)))
                    continue
                queue.popleft()
                yield batch, job.result() if isinstance(job, Future) else job

    def parse(self, batch):
        return parse_pages(
            read_files(batch), max_bytes=self.max_bytes, analysers=self.analysers, stored=self.stored
        )
