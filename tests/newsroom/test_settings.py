"""
The configuration contract of README.md, checked in fresh interpreters so
that each case starts from its own environment.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import skipUnless

from django.test import SimpleTestCase

PROJECT_DIR = Path(__file__).resolve().parents[2]
CLEAN_KEYS = ["DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"]


def run_django(code, **env):
    """Run ``code`` after django.setup() with production settings and only the given variables."""
    environment = {k: v for k, v in os.environ.items() if k not in CLEAN_KEYS}
    environment.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings.base")
    script = f"import django; django.setup()\n{code}"
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(*names, **env):
    code = (
        "import json; from django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run_django(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class SettingsTests(SimpleTestCase):
    def test_forwarded_proto_counts_only_behind_a_trusted_proxy(self):
        """X-Forwarded-Proto makes a request secure only when TRUSTED_PROXIES says a proxy sets it."""
        code = (
            "from django.test import RequestFactory\n"
            "request = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https')\n"
            "print(request.is_secure())"
        )
        for proxies, secure in (("0", "False"), ("1", "True")):
            with self.subTest(proxies=proxies):
                result = run_django(code, SECRET_KEY="k" * 50, TRUSTED_PROXIES=proxies)
                self.assertEqual(result.stdout.strip(), secure, result.stderr)

    def test_production_without_secret_key_refuses_to_start(self):
        """DEBUG off and no SECRET_KEY: start-up stops with a message saying what to do."""
        result = run_django("")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY is not set", result.stderr)

    def test_manage_py_names_the_missing_secret_key(self):
        """manage.py without configuration says what to set, not "Models aren't loaded yet"."""
        environment = {k: v for k, v in os.environ.items() if k not in CLEAN_KEYS}
        environment.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
            cwd=PROJECT_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.assertEqual(result.returncode, 1)
        self.assertTrue(
            result.stderr.startswith("Configuration error: SECRET_KEY is not set."), result.stderr
        )
        self.assertNotIn("Traceback", result.stderr)

    def test_development_defaults(self):
        """DEBUG=1 alone gives SQLite beside the project, a local cache, Vietnamese and Hanoi time."""
        values = settings_of("DATABASES", "CACHES", "LANGUAGE_CODE", "TIME_ZONE", "LANGUAGES", DEBUG="1")
        database = values["DATABASES"]["default"]
        self.assertEqual(database["ENGINE"], "django.db.backends.sqlite3")
        self.assertEqual(Path(database["NAME"]), PROJECT_DIR / "db.sqlite3")
        self.assertEqual(
            values["CACHES"]["default"]["BACKEND"], "django.core.cache.backends.locmem.LocMemCache"
        )
        self.assertEqual(values["LANGUAGE_CODE"], "vi")
        self.assertEqual(values["TIME_ZONE"], "Asia/Ho_Chi_Minh")
        self.assertEqual([code for code, _ in values["LANGUAGES"]], ["vi", "en"])

    def test_database_and_cache_from_urls(self):
        """DATABASE_URL selects PostgreSQL; REDIS_URL switches the cache to Redis."""
        values = settings_of(
            "DATABASES",
            "CACHES",
            "DEBUG",
            SECRET_KEY="x" * 50,
            DATABASE_URL="postgres://news:pw@db.internal:5433/newsroom",
            REDIS_URL="redis://cache.internal:6379/2",
        )
        database = values["DATABASES"]["default"]
        self.assertEqual(database["ENGINE"], "django.db.backends.postgresql")
        self.assertEqual(
            (database["HOST"], database["PORT"], database["NAME"]), ("db.internal", 5433, "newsroom")
        )
        cache = values["CACHES"]["default"]
        self.assertEqual(cache["BACKEND"], "django.core.cache.backends.redis.RedisCache")
        self.assertEqual(cache["LOCATION"], "redis://cache.internal:6379/2")
        self.assertIs(values["DEBUG"], False)

    def test_postgresql_binds_parameters_on_the_server_unless_told_not_to(self):
        """Server-side binding is the default on PostgreSQL; a pooler in transaction mode can turn it off."""
        url = "postgres://news:pw@db.internal:5433/newsroom"
        default = settings_of("DATABASES", SECRET_KEY="x" * 50, DATABASE_URL=url)
        self.assertIs(default["DATABASES"]["default"]["OPTIONS"]["server_side_binding"], True)
        pooled = settings_of(
            "DATABASES", SECRET_KEY="x" * 50, DATABASE_URL=url, DATABASE_SERVER_SIDE_BINDING="0"
        )
        self.assertIs(pooled["DATABASES"]["default"]["OPTIONS"]["server_side_binding"], False)

    def test_deploy_check_is_clean_in_production(self):
        """`manage.py check --deploy` reports nothing with production settings."""
        result = run_django(
            "from django.core.management import call_command\n"
            "call_command('check', deploy=True, fail_level='WARNING')",
            SECRET_KEY="k9" * 30 + "-newsroom-production-like-key",
            ALLOWED_HOSTS="newsroom.example.vn",
        )
        self.assertEqual(result.returncode, 0, result.stderr)


@skipUnless(os.environ.get("NEWSROOM_TEST_REDIS_URL"), "set NEWSROOM_TEST_REDIS_URL to test against Redis")
class RedisCacheTests(SimpleTestCase):
    def test_cache_round_trip_through_redis(self):
        """With REDIS_URL set, the site's cache really stores and reads values in Redis."""
        result = run_django(
            "from django.core.cache import cache\n"
            "cache.set('newsroom-ci-probe', 'Hà Nội', 30)\n"
            "print(cache.get('newsroom-ci-probe'))\n"
            "cache.delete('newsroom-ci-probe')",
            DEBUG="1",
            REDIS_URL=os.environ["NEWSROOM_TEST_REDIS_URL"],
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "Hà Nội")

    def test_failed_sign_ins_are_counted_in_redis(self):
        """With REDIS_URL set, django-axes counts failures in Redis and locks out at the limit."""
        result = run_django(
            "import secrets\n"
            "from axes.handlers.proxy import AxesProxyHandler\n"
            "from django.conf import settings\n"
            "from django.test import RequestFactory\n"
            "name = 'ci-probe-' + secrets.token_hex(4)\n"
            "request = RequestFactory().post('/tai-khoan/dang-nhap/', REMOTE_ADDR='10.9.9.9')\n"
            "AxesProxyHandler.update_request(request)\n"
            "credentials = {'username': name}\n"
            "for _ in range(settings.AXES_FAILURE_LIMIT):\n"
            "    AxesProxyHandler.user_login_failed(sender=None, credentials=credentials, request=request)\n"
            "print(settings.AXES_HANDLER.rsplit('.', 1)[1], AxesProxyHandler.is_locked(request, credentials))\n"
            "AxesProxyHandler.reset_attempts(ip_address='10.9.9.9', username=name)",
            DEBUG="1",
            REDIS_URL=os.environ["NEWSROOM_TEST_REDIS_URL"],
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "AxesCacheHandler True")


class DevelopmentEnvFileTests(SimpleTestCase):
    """manage.py reads a checkout's .env (which `make run` writes), so the README's commands work as printed."""

    def run_manage(self, folder, *arguments, **env):
        environment = {k: v for k, v in os.environ.items() if k not in CLEAN_KEYS}
        environment.update(env, PYTHONPATH=str(PROJECT_DIR), DJANGO_SETTINGS_MODULE="newsroom.settings.base")
        return subprocess.run(
            [sys.executable, str(folder / "manage.py"), *arguments],
            cwd=folder,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def test_manage_py_reads_the_checkouts_env_file_and_the_environment_wins(self):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            shutil.copy(PROJECT_DIR / "manage.py", folder / "manage.py")
            without = self.run_manage(folder, "import_seeds", "--help")
            self.assertNotEqual(without.returncode, 0)
            self.assertIn("SECRET_KEY", without.stderr + without.stdout)
            (folder / ".env").write_text("DEBUG=1\nSECRET_KEY=development-only-" + "x" * 40 + "\n")
            with_file = self.run_manage(folder, "import_seeds", "--help")
            self.assertEqual(with_file.returncode, 0, with_file.stderr)
            self.assertIn("--dry-run", with_file.stdout)
            debug = self.run_manage(
                folder,
                "shell",
                "-v0",
                "-c",
                "from django.conf import settings; print(settings.DEBUG)",
                DEBUG="0",
            )
            self.assertEqual(debug.stdout.strip(), "False", debug.stderr)
