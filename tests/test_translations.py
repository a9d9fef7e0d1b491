"""The Vietnamese catalogue is complete and its compiled form is current."""

import re
from pathlib import Path

from django.test import SimpleTestCase
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def entries(text):
    """(context, msgid, msgstr, flags) for each entry of a .po file, continuation lines joined."""
    for block in text.split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        if "msgid_plural" in block:
            flags += " plural"
        fields, current = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgstr)(?:\[0\])? "(.*)"$', line)
            if match:
                current = match[1]
                fields[current] = match[2]
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            yield fields.get("msgctxt"), fields["msgid"], fields.get("msgstr", ""), flags


def translated(context, msgid, flags=""):
    if "plural" in flags:
        # A plural entry is looked up by its singular and a count (its first form here).
        return (
            translation.npgettext(context, msgid, msgid, 1)
            if context
            else translation.ngettext(msgid, msgid, 1)
        )
    return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


class VietnameseCatalogueTests(SimpleTestCase):
    def test_every_string_is_translated(self):
        """No UI string is left untranslated or only guessed (fuzzy)."""
        missing = [
            msgid
            for _, msgid, msgstr, flags in entries(CATALOGUE.read_text("utf-8"))
            if not msgstr or "fuzzy" in flags
        ]
        self.assertEqual(missing, [])

    def test_compiled_catalogue_matches(self):
        """The committed .mo gives every translation in the .po (run `make messages` after editing)."""
        with translation.override("vi"):
            stale = [
                msgid
                for context, msgid, msgstr, flags in entries(CATALOGUE.read_text("utf-8"))
                if "%" not in msgid
                and translated(context, msgid.replace('\\"', '"'), flags) != msgstr.replace('\\"', '"')
            ]
        self.assertEqual(stale, [])
