"""Slack string ids of the weekly digest."""

from __future__ import annotations

from enum import StrEnum


class DigestAction(StrEnum):
    OPT_OUT = "digest_opt_out"
