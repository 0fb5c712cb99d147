"""Slack string ids of /coachme: the command, its modals, buttons and inputs."""

from __future__ import annotations

from enum import StrEnum


class CoachmeCommand(StrEnum):
    COACHME = "/coachme"


class CoachmeCallback(StrEnum):
    COACHME_REQUEST = "coachme_request"
    FEEDBACK_ANSWER = "feedback_answer"
    PLAN = "coachme_plan"


class CoachmeAction(StrEnum):
    GIVE_FEEDBACK = "give_feedback"
    CANT_NOW = "cant_now"
    SAY_THANKS = "say_thanks"
    OPEN_COACHME = "open_coachme"
    MAKE_PLAN = "coachme_make_plan"
    PLAN_TRIED = "coachme_plan_tried"
    PLAN_NOT_YET = "coachme_plan_not_yet"
    PLAN_NOT_FIT = "coachme_plan_not_fit"
    PLAN_SHARE = "coachme_plan_share"
    PLAN_KEEP = "coachme_plan_keep"


class CoachmeBlock(StrEnum):
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
    PLAN_WHEN = "plan_when"
    PLAN_WILL = "plan_will"
