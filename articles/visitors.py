"""How the newsroom remembers readers without keeping their addresses."""

from django.utils.crypto import salted_hmac


def hash_ip(ip_address):
    """
    A keyed SHA-256 of an IP address: equal addresses give equal hashes, but
    the address cannot be read back without the site's SECRET_KEY.
    """
    if not ip_address:
        return ""
    return salted_hmac("newsroom.visitors.ip", ip_address, algorithm="sha256").hexdigest()
