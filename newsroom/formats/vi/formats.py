"""
Django's Vietnamese formats, with numbers grouped by thousands as the
portals print them ("1.234 lượt xem"): Django leaves NUMBER_GROUPING unset
for Vietnamese, so intcomma printed "10000".
"""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
