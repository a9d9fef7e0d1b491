"""Dates as Vietnamese portals print them."""

from zoneinfo import ZoneInfo

# The portals print their dates in Vietnam time.
PORTAL_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
