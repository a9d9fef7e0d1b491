"""The articles app's commands for developers."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings


class EnsureDemoEditorTests(TestCase):
    def run_command(self, *arguments):
        out = StringIO()
        call_command("ensure_demo_editor", *arguments, stdout=out)
        return out.getvalue()

    def password_from(self, output):
        return output.strip().rsplit(" / ", 1)[1]

    @override_settings(DEBUG=True)
    def test_creates_a_staff_editor_and_prints_working_credentials(self):
        """The printed credentials log a staff member with newsroom permissions in."""
        output = self.run_command()
        self.assertIn("Created the demo editor", output)
        user = get_user_model().objects.get(username="editor")
        self.assertIs(user.check_password(self.password_from(output)), True)
        self.assertIs(user.is_staff, True)
        self.assertIs(user.is_superuser, False)
        self.assertIs(user.has_perm("articles.change_article"), True)
        self.assertIs(user.has_perm("agreements.add_agreement"), True)
        self.assertIs(user.has_perm("auth.change_user"), False)

    @override_settings(DEBUG=True)
    def test_a_second_run_keeps_the_password(self):
        """`make run` on every restart leaves the editor's password as it was."""
        first = self.password_from(self.run_command())
        output = self.run_command()
        self.assertIn("its password is unchanged", output)
        self.assertIs(get_user_model().objects.get(username="editor").check_password(first), True)

    @override_settings(DEBUG=True)
    def test_reset_gives_a_new_password(self):
        """--reset (make demo-password) keeps one account and replaces its password."""
        first = self.password_from(self.run_command())
        output = self.run_command("--reset")
        self.assertIn("Reset the demo editor", output)
        self.assertEqual(get_user_model().objects.filter(username="editor").count(), 1)
        editor = get_user_model().objects.get(username="editor")
        self.assertIs(editor.check_password(first), False)
        self.assertIs(editor.check_password(self.password_from(output)), True)

    @override_settings(DEBUG=False)
    def test_refuses_without_debug(self):
        """No known account is ever planted on a production site."""
        with self.assertRaisesMessage(CommandError, "development only"):
            self.run_command()
        self.assertIs(get_user_model().objects.exists(), False)
