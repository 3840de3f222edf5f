"""The product's settings plus the benchmarks: their commands and the minimal view the
load benchmark compares pages with. Selected by scripts/benchmark_*.sh with
DJANGO_SETTINGS_MODULE=benchmarks.settings; production never loads it."""

from impact.settings import *  # noqa: F403
from impact.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
ROOT_URLCONF = "benchmarks.urls"
