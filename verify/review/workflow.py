"""The review workflow: one table of transitions, applied by one function.

``TRANSITIONS`` maps (state, action) to the state it leads to and the roles that may take
it; ``transition()`` checks the caller, the state and the parameters, applies the evidence
gate, and writes through ``history.change_claim`` (compare-and-set plus the hash-chained
event) in one transaction. Checks run in a fixed order, so every refusal is predictable:

1. the claim exists (NotFound);
2. the caller's role may take this action at all (PermissionDenied);
3. the caller's If-Match names the current version (StaleVersion);
4. the action is allowed from the current state (InvalidTransition, listing what is);
5. the parameters are present and valid (ValidationFailed);
6. person rules: a factchecker assigns only themself, nobody approves their own
   proposal (PermissionDenied);
7. the evidence gate on ``propose`` (ValidationFailed saying what is missing).
"""
from collections import namedtuple

from ..errors import InvalidTransition, PermissionDenied, StaleVersion, ValidationFailed
from ..models import Claim, Event, Evidence, Source, User
from ..store.db import database, utcnow
from ..users import role_at_least
from ..vocabulary import ACTIONS, DISMISS_REASONS, STATES
from .history import change_claim, lock_claim
from .verdicts import VerdictScale

Transition = namedtuple("Transition", "to roles")

FACTCHECKERS = ("factchecker", "editor")
EDITORS = ("editor",)
SAME = None  # the action leaves the state as it is

TRANSITIONS = {
    ("unreviewed", "start_research"): Transition("researching", FACTCHECKERS),
    ("researching", "propose"): Transition("in_review", FACTCHECKERS),
    ("in_review", "request_changes"): Transition("researching", EDITORS),
    ("in_review", "approve"): Transition("published", EDITORS),
    ("published", "reopen"): Transition("researching", EDITORS),
    ("unreviewed", "dismiss"): Transition("dismissed", FACTCHECKERS),
    ("researching", "dismiss"): Transition("dismissed", FACTCHECKERS),
    ("dismissed", "restore"): Transition("unreviewed", EDITORS),
    **{(state, "assign"): Transition(SAME, FACTCHECKERS)
       for state in STATES if state != "dismissed"},
}

# Parameters of each action: (required, optional). Anything else is refused, so a field
# sent to the wrong action (a verdict with approve) is a 422, not silently ignored.
PARAMS = {
    "start_research": ((), ("note",)),
    "propose": (("verdict", "rationale"), ("note",)),
    "request_changes": (("note",), ()),
    "approve": ((), ("note",)),
    "reopen": (("reason",), ("note",)),
    "dismiss": (("reason",), ("duplicate_of", "note")),
    "restore": ((), ("note",)),
    "assign": (("assignee",), ("note",)),
}


def roles_of(user):
    """Admins may do what editors do."""
    return {user.role, "editor"} if user.role == "admin" else {user.role}


def may(user, step):
    return bool(roles_of(user) & set(step.roles))


def allowed_actions(claim, user):
    """The actions ``user`` may take on ``claim`` now, in vocabulary order."""
    found = []
    for action in ACTIONS:
        step = TRANSITIONS.get((claim.state, action))
        if step is None or not may(user, step):
            continue
        if action == "approve" and claim.proposed_by_id == user.id:
            continue
        found.append(action)
    return found


def transition(claim_id, *, actor, action, expected_version, scale=None, min_sources=2,
               **params):
    """Take ``action`` on a claim; returns the claim as updated.

    ``scale`` (a VerdictScale) and ``min_sources`` (the evidence gate's N) come from the
    application's configuration.
    """
    scale = scale or VerdictScale()
    if action not in ACTIONS:
        raise ValidationFailed({"action": "Must be one of: %s." % ", ".join(ACTIONS)})
    with database.atomic():
        claim = lock_claim(claim_id)
        if not any(may(actor, step) for (_, name), step in TRANSITIONS.items()
                   if name == action):
            raise PermissionDenied("'%s' is not for the %s role" % (action, actor.role))
        if expected_version != claim.version:
            raise StaleVersion(claim.version)
        step = TRANSITIONS.get((claim.state, action))
        if step is None:
            raise InvalidTransition(action, claim.state, allowed_actions(claim, actor))
        if not may(actor, step):
            raise PermissionDenied("'%s' from '%s' is not for the %s role"
                                   % (action, claim.state, actor.role))
        _check_params(action, params)
        columns, changes = EFFECTS[action](claim, actor, params, scale, min_sources)
        to_state = step.to or claim.state
        changes = dict(_diff(claim, columns), **changes)
        if params.get("note"):
            changes["note"] = params["note"]
        change_claim(claim, actor=actor, action=action, expected_version=expected_version,
                     from_state=claim.state, to_state=to_state, changes=changes,
                     state=to_state, **columns)
    return claim


def _check_params(action, params):
    required, optional = PARAMS[action]
    errors = {name: "Not used by '%s'." % action for name in params
              if name not in required and name not in optional}
    for name in required:
        value = params.get(name)
        if name not in params or (isinstance(value, str) and not value.strip()):
            errors[name] = "Required by '%s'." % action
    if errors:
        raise ValidationFailed(errors)


def _diff(claim, columns):
    """Changed columns as ``{name: [old, new]}``, the shape edit events use too."""
    return {name: [_plain(getattr(claim, name + "_id" if name in FOREIGN else name)),
                   _plain(value)]
            for name, value in columns.items()
            if getattr(claim, name + "_id" if name in FOREIGN else name) != value}


FOREIGN = ("assignee", "proposed_by", "duplicate_of", "published_by")


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


# Effects: each returns (columns to set, extra facts for the event) -------------------

def _none(claim, actor, params, scale, min_sources):
    return {}, {}


def _propose(claim, actor, params, scale, min_sources):
    verdict = params["verdict"]
    if verdict not in scale:
        raise ValidationFailed({"verdict": "Must be one of: %s." % ", ".join(scale.names)})
    evidence_gate(claim.id, verdict, scale, min_sources)
    return {"verdict": verdict, "rationale": params["rationale"], "proposed_by": actor.id}, {}


def _approve(claim, actor, params, scale, min_sources):
    if claim.proposed_by_id == actor.id:
        raise PermissionDenied("you proposed this verdict; another editor must approve it")
    if claim.verdict not in scale:
        raise ValidationFailed({"verdict": "'%s' is no longer on the rating scale; "
                                           "request changes instead." % claim.verdict})
    return {"published_verdict": claim.verdict, "published_by": actor.id,
            "published_at": utcnow()}, {}


def _reopen(claim, actor, params, scale, min_sources):
    # The published verdict stays visible (under review) until a new approval.
    return {}, {"reason": params["reason"]}


def _dismiss(claim, actor, params, scale, min_sources):
    reason, duplicate_of = params["reason"], params.get("duplicate_of")
    if reason not in DISMISS_REASONS:
        raise ValidationFailed({"reason": "Must be one of: %s." % ", ".join(DISMISS_REASONS)})
    if reason == "duplicate":
        if duplicate_of is None:
            raise ValidationFailed({"duplicate_of": "Required when the reason is duplicate."})
        if duplicate_of == claim.id:
            raise ValidationFailed({"duplicate_of": "A claim cannot duplicate itself."})
        if not Claim.select().where(Claim.id == duplicate_of).exists():
            raise ValidationFailed({"duplicate_of": "Claim %s does not exist." % duplicate_of})
    elif duplicate_of is not None:
        raise ValidationFailed({"duplicate_of": "Only with the reason duplicate."})
    return {"dismiss_reason": reason, "duplicate_of": duplicate_of}, {}


def _restore(claim, actor, params, scale, min_sources):
    return {"dismiss_reason": None, "duplicate_of": None}, {}


def _assign(claim, actor, params, scale, min_sources):
    assignee = params["assignee"]
    if assignee is not None:
        user = User.get_or_none(User.id == assignee)
        if user is None:
            raise ValidationFailed({"assignee": "User %s does not exist." % assignee})
        if not role_at_least(user.role, "factchecker"):
            raise ValidationFailed({"assignee": "%s is a viewer and cannot research claims."
                                                % user.name})
    if "editor" not in roles_of(actor) and assignee != actor.id:
        raise PermissionDenied("a factchecker may assign only themself")
    return {"assignee": assignee}, {}


EFFECTS = {
    "start_research": _none,
    "propose": _propose,
    "request_changes": _none,
    "approve": _approve,
    "reopen": _reopen,
    "dismiss": _dismiss,
    "restore": _restore,
    "assign": _assign,
}


def evidence_gate(claim_id, verdict, scale, min_sources):
    """Refuse a verdict asserting truth or falsity without enough independent evidence.

    Live (not removed) evidence that supports or contradicts the claim counts; context
    does not. Sources sharing an independence key (two pages of one registrable domain)
    count once.
    """
    needs = scale.needs(verdict)
    if needs is None:
        return
    rows = (Evidence.select(Evidence.stance, Source.id, Source.independence_key, Source.domain)
            .join(Source)
            .where((Evidence.claim == claim_id) & Evidence.removed_at.is_null()
                   & Evidence.stance.in_(("supports", "contradicts")))
            .tuples())
    keys = {"supports": set(), "contradicts": set()}
    for stance, source_id, key, domain in rows:
        keys[stance].add(key or domain or "source:%d" % source_id)
    independent = keys["supports"] | keys["contradicts"]
    missing = {}
    if len(independent) < min_sources:
        missing["evidence"] = (
            "The verdict '%s' needs evidence from at least %d independent sources; the claim "
            "has %d%s." % (verdict, min_sources, len(independent),
                           " (%s)" % ", ".join(sorted(independent)) if independent else ""))
    if not keys[needs]:
        missing["evidence.%s" % needs] = (
            "The verdict '%s' needs at least one source that %s the claim."
            % (verdict, "contradicts" if needs == "contradicts" else "supports"))
    if missing:
        raise ValidationFailed(missing, "The evidence gate is not met: %s"
                               % " ".join(missing.values()))


def add_comment(claim_id, *, actor, text, expected_version=None):
    """A comment is an event of the claim's history (so it bumps the version too)."""
    if not text.strip():
        raise ValidationFailed({"text": "A comment needs text."})
    with database.atomic():
        claim = lock_claim(claim_id)
        change_claim(claim, actor=actor, action="comment", expected_version=expected_version,
                     changes={"comment": text})
        return Event.get((Event.claim == claim.id) & (Event.claim_version == claim.version))
