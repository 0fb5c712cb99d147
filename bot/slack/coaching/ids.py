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
    AGENDA = "coaching_agenda"
    CALENDAR = "coaching_calendar"


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
    AGENDA_ADD = "coaching_agenda_add"  # value: a session id
    AGENDA_ADD_PAIR = "coaching_agenda_add_pair"  # value: a pair id (from the Home tab)
    ACTION_ITEMS = "coaching_action_items"  # value: a session id, once held
    AGENDA_DONE = "coaching_agenda_done"  # value: an agenda item id
    CALENDAR_LINK = "coaching_calendar_link"
    CALENDAR_OFF = "coaching_calendar_off"


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
    AGENDA = "coaching_agenda_text"
