"""Every string id Slack and the bot share, in one place.

Builders, parsers, listeners and the manifest all refer to these, so a rename cannot drift.
"""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    COACHME = "/coachme"
    PULSE = "/pulse"
    COACHING = "/coaching"


class Event(StrEnum):
    APP_HOME_OPENED = "app_home_opened"
    USER_CHANGE = "user_change"
    APP_UNINSTALLED = "app_uninstalled"
    TOKENS_REVOKED = "tokens_revoked"


class Callback(StrEnum):
    COACHME_REQUEST = "coachme_request"
    FEEDBACK_ANSWER = "feedback_answer"
    COACHING_CADENCE = "coaching_cadence"
    COACHING_PREP = "coaching_prep"
    COACHING_RESCHEDULE = "coaching_reschedule"
    COACHING_PAUSE = "coaching_pause"
    COACHING_ADD_REP = "coaching_add_rep"
    FORGET_ME = "forget_me"


class Action(StrEnum):
    GIVE_FEEDBACK = "give_feedback"
    CANT_NOW = "cant_now"
    SAY_THANKS = "say_thanks"
    OPEN_COACHME = "open_coachme"
    SHOW_HELP = "show_help"
    FORGET_ME = "forget_me"
    COACHING_SET_CADENCE = "coaching_set_cadence"
    COACHING_HELD = "coaching_held"
    COACHING_SKIP = "coaching_skip"
    COACHING_RESCHEDULE = "coaching_reschedule"
    COACHING_PAUSE = "coaching_pause"
    COACHING_ADD_PRIORITIES = "coaching_add_priorities"
    COACHING_BOOK_OFFER = "coaching_book_offer"
    COACHING_ADD_REP = "coaching_add_rep"


class Block(StrEnum):
    """block_id and action_id of each modal input (the same string for both)."""

    DEAL = "deal_name"
    AMOUNT = "amount"
    STAGE = "stage"
    LOSS_REASON = "loss_reason"
    WHAT_HAPPENED = "what_happened"
    DO_DIFFERENTLY = "do_differently"
    HELP_WITH = "help_with"
    COACH = "coach"
    PEERS = "peers"
    FOLLOWUP = "followup"
    SELLING_SKILLS = "selling_skills"
    CUSTOMER_KNOWLEDGE = "customer_knowledge"
    OUR_ORG = "our_org"
    TRY_NEXT = "try_next"
    GO_DEEPER = "go_deeper"
    COACHING_EVERY = "coaching_every"
    COACHING_WEEKDAY = "coaching_weekday"
    COACHING_START = "coaching_start"
    COACHING_LENGTH = "coaching_length"
    COACHING_LEAD = "coaching_lead"
    COACHING_DAY = "coaching_day"
    COACHING_PRIORITIES = "coaching_priorities"
    COACHING_UNTIL = "until"
    COACHING_REP = "rep"


class PulseCallback(StrEnum):
    START = "pulse_start"
    SCHEDULE = "pulse_schedule"
    SETTINGS = "pulse_settings"


class PulseAction(StrEnum):
    ANSWER = "pulse_answer"  # one button per answer: "pulse_answer:<index>"
    CLOSE = "pulse_close"
    STOP_SCHEDULE = "pulse_stop_schedule"


class PulseBlock(StrEnum):
    """block_id and action_id of each pulse modal input (the same string for both)."""

    BANK = "pulse_bank"
    CUSTOM = "pulse_custom"
    TYPE = "pulse_type"
    OPTIONS = "pulse_options"
    PRIVACY = "pulse_privacy"
    DURATION = "pulse_duration"
    EVERY = "pulse_every"
    WEEKDAY = "pulse_weekday"
    TIME = "pulse_time"
    TZ = "pulse_tz"
    THRESHOLD = "pulse_threshold"
    POOL = "pulse_pool"


class BidCommand(StrEnum):
    BID = "/bid"


class BidCallback(StrEnum):
    ADD_PROMPT = "bid_add_prompt"


class BidAction(StrEnum):
    ANOTHER = "bid_another"
    TRIED = "bid_tried"
    OUTCOME_TOWARD = "bid_outcome_toward"
    OUTCOME_AWAY = "bid_outcome_away"
    OUTCOME_AGAINST = "bid_outcome_against"
    OUTCOME_TOO_SOON = "bid_outcome_too_soon"
    RETIRE = "bid_retire"
    RESTORE = "bid_restore"
    OPEN_ADD = "bid_open_add"
    BROWSE = "bid_browse"


class BidBlock(StrEnum):
    """block_id and action_id of each input in the add-a-prompt modal."""

    TEXT = "bid_text"
    SIZE = "bid_size"
    MOMENTS = "bid_moments"
    AUDIENCE = "bid_audience"
