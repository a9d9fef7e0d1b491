"""
Where the admin's bulk import task was before the importer had its own
package (``articles/importer/tasks.py``). django-tasks-db stores each queued
job's task by its dotted path, so jobs queued before the move still name
this module; it keeps them runnable. Once no queued job names it
(``DBTaskResult.objects.filter(task_path__startswith="articles.tasks.")``
is empty after ``db_worker`` has drained the queue), it can go.
"""

from .importer.tasks import run_import_batch  # noqa: F401
