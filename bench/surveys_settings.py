"""The project's settings with the surveys benchmark's floors in the URLconf, for the gunicorn
that bench/surveys.py starts. Everything else comes from the environment as in production."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.surveys_urls"
