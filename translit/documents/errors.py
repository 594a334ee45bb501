"""The error a document reader raises for input it cannot use."""
from __future__ import annotations

from ..errors import InputError

__all__ = ["DocumentError"]


class DocumentError(InputError):
    """A document that cannot be read: not a zip, a missing part, invalid XML, broken markup, a bad cue.

    The message is the reason only; the caller puts the file name in front (`PATH: reason`).
    """
