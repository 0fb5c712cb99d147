"""What a /coachme request and a feedback answer may contain.

Errors are keyed by the name of the form field they are about (a `RequestForm` or `AnswerForm`
attribute), never by how a screen lays the form out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

STAGES: dict[str, str] = {
    "prospecting": "Prospecting",
    "discovery": "Discovery",
    "demo": "Demo / evaluation",
    "proposal": "Proposal",
    "negotiation": "Negotiation",
    "closing": "Closing",
}

LOSS_REASONS: dict[str, str] = {
    "price": "Price",
    "competitor": "Went with a competitor",
    "no_decision": "No decision / status quo",
    "timing": "Timing: not now",
    "fit": "Product fit",
    "champion": "Lost our champion",
    "no_need": "Need never confirmed",
    "not_sure": "Not sure",
}

FOLLOWUP_MONTHS = (3, 6, 12)
MAX_PEERS = 3
DEAL_MAX = 150
ANSWER_MAX = 1500
LONG_MAX = 2000


@dataclass(frozen=True)
class RequestForm:
    """A rep's lost-deal reflection and whom to ask, as typed."""

    deal_name: str | None
    amount: str | None
    stage: str | None
    loss_reason: str | None
    what_happened: str | None
    do_differently: str | None
    help_with: str | None
    coach_user_id: str | None
    peer_user_ids: tuple[str, ...] = ()
    followup_months: int | None = None


@dataclass(frozen=True)
class CleanRequest:
    deal_name: str
    amount: Decimal | None
    stage: str
    loss_reason: str
    what_happened: str
    do_differently: str
    help_with: str
    coach_user_id: str | None
    peer_user_ids: tuple[str, ...]
    followup_months: int | None


@dataclass(frozen=True)
class AnswerForm:
    """Feedback as typed by the person asked."""

    selling_skills: str | None
    customer_knowledge: str | None
    our_org: str | None
    try_next: str | None
    go_deeper: bool = False


def _text(
    errors: dict[str, str], name: str, value: str | None, limit: int, *, required: bool = True
) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        errors[name] = "Please write a few words here."
    elif len(cleaned) > limit:
        errors[name] = f"Please keep this under {limit} characters (it has {len(cleaned)})."
    return cleaned


def _amount(errors: dict[str, str], value: str | None) -> Decimal | None:
    raw = (value or "").strip().replace(",", "").lstrip("$€£")
    if not raw:
        return None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        errors["amount"] = "Use a plain number, like 25000."
        return None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        errors["amount"] = "Use a positive number below a trillion."
        return None
    return amount.quantize(Decimal("0.01"))


def clean_request(
    form: RequestForm, rep_user_id: str
) -> tuple[CleanRequest | None, dict[str, str]]:
    """Check a request. Returns the cleaned request, or None and an error per form field."""
    errors: dict[str, str] = {}
    deal = _text(errors, "deal_name", form.deal_name, DEAL_MAX)
    amount = _amount(errors, form.amount)
    if form.stage not in STAGES:
        errors["stage"] = "Pick the stage the deal was lost at."
    if form.loss_reason not in LOSS_REASONS:
        errors["loss_reason"] = 'Pick a reason; "Not sure" is fine.'
    happened = _text(errors, "what_happened", form.what_happened, LONG_MAX)
    differently = _text(errors, "do_differently", form.do_differently, LONG_MAX)
    help_with = _text(errors, "help_with", form.help_with, LONG_MAX)
    peers = tuple(dict.fromkeys(p for p in form.peer_user_ids if p != form.coach_user_id))
    if form.coach_user_id == rep_user_id:
        errors["coach_user_id"] = "Pick someone other than yourself."
    if rep_user_id in peers:
        errors["peer_user_ids"] = "Leave yourself out; pick up to three colleagues."
    elif len(peers) > MAX_PEERS:
        errors["peer_user_ids"] = f"Pick at most {MAX_PEERS} peers."
    if not form.coach_user_id and not peers:
        errors["coach_user_id"] = "Pick your coach or at least one peer to ask."
    if form.followup_months is not None and form.followup_months not in FOLLOWUP_MONTHS:
        errors["followup_months"] = "Pick 3, 6 or 12 months, or leave it empty."
    if errors:
        return None, errors
    return (
        CleanRequest(
            deal_name=deal,
            amount=amount,
            stage=str(form.stage),
            loss_reason=str(form.loss_reason),
            what_happened=happened,
            do_differently=differently,
            help_with=help_with,
            coach_user_id=form.coach_user_id or None,
            peer_user_ids=peers,
            followup_months=form.followup_months,
        ),
        {},
    )


def clean_answer(form: AnswerForm) -> tuple[AnswerForm | None, dict[str, str]]:
    """Check feedback: one thing to try is required, plus at least one bucket."""
    errors: dict[str, str] = {}
    selling = _text(errors, "selling_skills", form.selling_skills, ANSWER_MAX, required=False)
    customer = _text(
        errors, "customer_knowledge", form.customer_knowledge, ANSWER_MAX, required=False
    )
    org = _text(errors, "our_org", form.our_org, ANSWER_MAX, required=False)
    try_next = _text(errors, "try_next", form.try_next, ANSWER_MAX)
    if not (selling or customer or org) and not errors.keys() & {
        "selling_skills",
        "customer_knowledge",
        "our_org",
    }:
        errors["selling_skills"] = "Add a thought in at least one of the three areas."
    if errors:
        return None, errors
    return AnswerForm(selling, customer, org, try_next, form.go_deeper), {}
