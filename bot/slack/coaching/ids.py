"""Slack string ids of protected coaching time: the command, modals, buttons and inputs."""

from __future__ import annotations

from enum import StrEnum


class CoachingCommand(StrEnum):
    COACHING = "/coaching"


class CoachingCallback(StrEnum):
    CADENCE = "coaching_cadence"
    PREP = "coaching_prep"
    RESCHEDULE = "coaching_reschedule"
    PAUSE = "coaching_pause"
    ADD_REP = "coaching_add_rep"


class CoachingAction(StrEnum):
    SET_CADENCE = "coaching_set_cadence"
    HELD = "coaching_held"
    SKIP = "coaching_skip"
    RESCHEDULE = "coaching_reschedule"
    PAUSE = "coaching_pause"
    ADD_PRIORITIES = "coaching_add_priorities"
    BOOK_OFFER = "coaching_book_offer"
    ADD_REP = "coaching_add_rep"
    REP_SAYS_YES = "coaching_rep_says_yes"
    REP_SAYS_NO = "coaching_rep_says_no"


class CoachingBlock(StrEnum):
    """block_id and action_id of each modal input (the same string for both)."""

    EVERY = "coaching_every"
    WEEKDAY = "coaching_weekday"
    START = "coaching_start"
    LENGTH = "coaching_length"
    LEAD = "coaching_lead"
    DAY = "coaching_day"
    PRIORITIES = "coaching_priorities"
    UNTIL = "until"
    REP = "rep"
