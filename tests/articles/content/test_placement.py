"""Where an article's pictures go, worked out without a database."""

from types import SimpleNamespace

from django.test import SimpleTestCase

from articles.content.placement import PlacedPictures, lead_picture, top_level_blocks


def picture(name, *, has_file=True, is_lead=False, after_paragraph=None, caption=""):
    return SimpleNamespace(
        name=name, has_file=has_file, is_lead=is_lead, after_paragraph=after_paragraph, caption=caption
    )


class LeadPictureTests(SimpleTestCase):
    def test_the_chosen_lead_wins_over_the_first(self):
        first, chosen = picture("a"), picture("b", is_lead=True)
        self.assertIs(lead_picture([first, chosen]), chosen)

    def test_without_a_choice_the_first_picture_with_a_file_leads(self):
        missing, stored = picture("a", has_file=False, is_lead=True), picture("b")
        self.assertIs(lead_picture([missing, stored]), stored)
        self.assertIsNone(lead_picture([missing]))


class PlacementTests(SimpleTestCase):
    BODY = "<p>Một.</p><p>Hai &amp; ba.</p><ul><li>Bốn</li></ul>"

    def test_pictures_hang_after_their_paragraph_and_past_the_end_after_the_last(self):
        lead, inside, late, loose = (
            picture("lead"),
            picture("inside", after_paragraph=1),
            picture("late", after_paragraph=9),
            picture("loose"),
        )
        placed = PlacedPictures([lead, inside, late, loose], self.BODY)
        self.assertIs(placed.lead, lead)
        self.assertEqual(placed.above, [loose])
        self.assertEqual(
            [(html, [p.name for p in after]) for html, after in placed.blocks],
            [("<p>Một.</p>", ["inside"]), ("<p>Hai &amp; ba.</p>", []), ("<ul><li>Bốn</li></ul>", ["late"])],
        )

    def test_a_fileless_picture_without_a_caption_is_left_out(self):
        placed = PlacedPictures(
            [picture("gone", has_file=False), picture("told", has_file=False, caption="Lễ ký")], ""
        )
        self.assertIsNone(placed.lead)
        self.assertEqual([p.name for p in placed.above], ["told"])

    def test_loose_text_between_blocks_stays_escaped(self):
        self.assertEqual(
            top_level_blocks("Mở đầu <b>đậm</b> &lt;script&gt;<p>Đoạn</p>"),
            ["Mở đầu ", "<b>đậm</b>", " &lt;script&gt;", "<p>Đoạn</p>"],
        )
        self.assertEqual(top_level_blocks("   "), [])
