"""Unique, Vietnamese-aware slugs for any model with a ``slug`` field."""

from .vietnamese import slugify


def unique_slug(instance, text, *, field="slug"):
    """
    A slug for ``instance`` from ``text`` that no other row of its model uses.

    Collisions get a numeric suffix ("-2", "-3", …). A database unique
    constraint still guards against two writers racing for the same slug.
    """
    max_length = instance._meta.get_field(field).max_length
    base = slugify(text, max_length=max_length - 6) or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, suffix = base, 2
    while candidate in taken:
        candidate = f"{base}-{suffix}"
        suffix += 1
    return candidate
