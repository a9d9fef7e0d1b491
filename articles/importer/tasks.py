"""Background work: the admin's bulk import, run by `manage.py db_worker` through Django's tasks API."""

import logging
import shutil
from collections import Counter

from django.utils import timezone
from django_tasks import task

from .models import ImportBatch
from .services import import_paths
from .uploads import upload_folder

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 20


@task()
def run_import_batch(batch_id):
    """Import a batch's stored uploads with the same service as `import_seeds`, recording progress."""
    batch = ImportBatch.objects.get(pk=batch_id)
    folder = upload_folder(batch)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    totals, report = Counter(), []
    try:
        for number, file_report in enumerate(import_paths(sorted(folder.iterdir())), start=1):
            totals[file_report.status] += 1
            totals["briefs_created"] += file_report.briefs_created
            entry = file_report.as_dict()
            entry["name"] = file_report.name.removeprefix(str(folder) + "/")
            report.append(entry)
            if number % PROGRESS_EVERY == 0:
                ImportBatch.objects.filter(pk=batch.pk).update(processed_files=number, totals=dict(totals))
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.DONE,
            processed_files=len(report),
            total_files=max(batch.total_files, len(report)),
            totals=dict(totals),
            report=report,
            finished_at=timezone.now(),
        )
    except Exception as error:
        logger.exception("Import batch %s failed", batch.pk)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED, error=str(error), report=report, finished_at=timezone.now()
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
