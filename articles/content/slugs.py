"""Unique, Vietnamese-aware slugs for any model with a ``slug`` field."""

from collections import Counter

from ..text.slugs import slugify

# Numbered slugs are looked up this many at a time.
CANDIDATES_PER_QUERY = 20
# Slugs asked about in one query: well inside SQLite's and PostgreSQL's parameter limits.
LOOKUPS_PER_QUERY = 900


def _base(model, text, field):
    max_length = model._meta.get_field(field).max_length
    return slugify(text, max_length=max_length - 6) or model._meta.model_name


def _candidates(base, start=2):
    return [f"{base}-{number}" for number in range(start, start + CANDIDATES_PER_QUERY)]


def _numbered(queryset, base, field, taken=frozenset()):
    """
    base-2, base-3, …: the first that neither the queryset nor ``taken``
    holds. Exact lookups on the unique index, never a prefix scan, so the
    cost does not grow with the table.
    """
    start = 2
    while True:
        candidates = _candidates(base, start)
        used = set(queryset.filter(**{f"{field}__in": candidates}).values_list(field, flat=True))
        free = [slug for slug in candidates if slug not in used and slug not in taken]
        if free:
            return free[0]
        start += CANDIDATES_PER_QUERY


def unique_slug(instance, text, *, field="slug"):
    """
    A slug for ``instance`` from ``text`` that no other row of its model uses.

    Collisions get a numeric suffix ("-2", "-3", …). A database unique
    constraint still guards against two writers racing for the same slug.
    """
    base = _base(type(instance), text, field)
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    if not others.filter(**{field: base}).exists():
        return base
    return _numbered(others, base, field)


def unique_slugs(instances, texts, *, field="slug"):
    """
    Give new, unsaved instances unique slugs for a bulk insert: one query for
    the plain slugs, one for the first numbered ones of every slug already
    taken in the database or met twice in the batch, more only if those run out.
    """
    if not instances:
        return
    model = type(instances[0])
    manager = model._default_manager
    bases = [_base(model, text, field) for text in texts]
    taken = set(manager.filter(**{f"{field}__in": bases}).values_list(field, flat=True))
    crowded = {base for base, count in Counter(bases).items() if count > 1 or base in taken}
    numbered = [slug for base in sorted(crowded) for slug in _candidates(base)]
    for start in range(0, len(numbered), LOOKUPS_PER_QUERY):
        chunk = numbered[start : start + LOOKUPS_PER_QUERY]
        taken.update(manager.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    for instance, base in zip(instances, bases, strict=True):
        if base not in taken:
            slug = base
        else:
            free = [slug for slug in _candidates(base) if slug not in taken]
            slug = free[0] if free else _numbered(manager, base, field, taken)
        setattr(instance, field, slug)
        taken.add(slug)
