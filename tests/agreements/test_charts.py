from django.test import SimpleTestCase

from agreements.charts import bars, columns


class ColumnChartTests(SimpleTestCase):
    def test_tallest_column_fills_the_plot_and_others_scale(self):
        chart = columns([(2021, 1), (2022, 0), (2023, 4)], width=300, height=224)
        heights = [bar.height for bar in chart.bars]
        self.assertEqual(heights, [45, 0, 180])
        self.assertEqual([bar.label for bar in chart.bars], ["2021", "2022", "2023"])
        self.assertTrue(all(bar.y + bar.height == chart.axis_y for bar in chart.bars))

    def test_no_data_gives_no_bars(self):
        self.assertEqual(columns([]).bars, ())


class BarChartTests(SimpleTestCase):
    def test_bars_are_ranked_longest_first_then_by_name(self):
        chart = bars([("Ý", 2, "/it/"), ("Argentina", 2, "/ar/"), ("Belarus", 3, "/by/")], width=640)
        self.assertEqual([bar.label for bar in chart.bars], ["Belarus", "Argentina", "Ý"])
        self.assertEqual(chart.bars[0].width, 640 - 150 - 40)
        self.assertEqual(chart.bars[1].url, "/ar/")
        self.assertEqual(chart.height, 3 * 30)
