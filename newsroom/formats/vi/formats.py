"""
Django's Vietnamese formats, with numbers grouped by thousands as the
portals print them ("1.234 lượt xem"): Django leaves NUMBER_GROUPING unset
for Vietnamese, so intcomma printed "10000".
"""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3

# Vietnamese editors type the day first ("14/05/2025"); Django's fallback
# list tries the American month-first form, which reads 05/06 as 6 May.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M"]
