"""
Bulk inserts for the importer: PostgreSQL's COPY where it is available,
Django's bulk_create elsewhere.

On PostgreSQL, bulk_create sends every column as an array for
``INSERT … SELECT * FROM UNNEST(…)``, and psycopg builds those arrays in
Python, quoting and escaping every value, article bodies included. COPY
sends the rows formatted by psycopg's C code. The rows are what
bulk_create would store: each field's ``pre_save`` and ``get_db_prep_save``
make them, and the primary keys come from the table's own sequence.
"""

from django.db import connections, router


def insert_new(model, objects):
    """Insert new (unsaved) instances of ``model``, setting their primary keys."""
    objects = list(objects)
    if not objects:
        return objects
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        return model.objects.using(using).bulk_create(objects)

    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.generated]
    quote = connection.ops.quote_name
    # COPY goes to psycopg's cursor directly; its errors still become Django's.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for instance, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            instance.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for instance in objects:
                copy.write_row(
                    [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
                )
    for instance in objects:
        instance._state.adding = False
        instance._state.db = using
    return objects


# Below this many new articles the planner's statistics stay good enough.
STATISTICS_STALE_AFTER = 1_000


def refresh_statistics(created, using="default"):
    """
    After a large import, let the query planner see the new rows. SQLite has
    no statistics until ANALYZE is run (and then picks bad plans for reader
    pages: a scan of every article instead of an index on the links);
    PostgreSQL's autovacuum would come to it, later. A small import, or one
    into a database that already has SQLite statistics, changes nothing.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() and created < STATISTICS_STALE_AFTER:
                return
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql" and created >= STATISTICS_STALE_AFTER:
            cursor.execute("ANALYZE")
