"""Bounds for the hostile-input fuzzers: small by default, longer with TRANSLIT_FUZZ_EXAMPLES=N."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_VAR = "TRANSLIT_FUZZ_EXAMPLES"


def fuzz(default: int) -> settings:
    """Hypothesis settings running `default` examples, or $TRANSLIT_FUZZ_EXAMPLES of them."""
    n = int(os.environ.get(FUZZ_VAR) or default)
    return settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck))
