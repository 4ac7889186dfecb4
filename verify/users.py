"""Users and their API tokens. A token is shown once; only its SHA-256 is stored."""
import datetime
import hashlib
import secrets

from peewee import IntegrityError

from .errors import Conflict, NotFound
from .models import ApiToken, User
from .store.db import as_datetime, database, utcnow
from .store.prepared import Prepared
from .vocabulary import ROLES

TOKEN_PREFIX = "cd_"
# Recording every use would turn each read into a write; a minute is precise enough.
LAST_USED_RESOLUTION = datetime.timedelta(seconds=60)


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def role_at_least(role, minimum):
    return ROLES.index(role) >= ROLES.index(minimum)


def create_user(*, name, role):
    """Create a user and a first token. Returns ``(user, token)``."""
    with database.atomic():
        try:
            user = User.create(name=name, role=role)
        except IntegrityError:
            raise Conflict("a user named %r already exists" % name)
        token = _issue(user, "initial")
    return user, token


def _issue(user, name):
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.create(user=user, name=name, token_hash=hash_token(token))
    return record, token


def find_user(ident):
    """A user by id (int) or name (str)."""
    field = User.id if isinstance(ident, int) else User.name
    user = User.get_or_none(field == ident)
    if user is None:
        raise NotFound("user", ident)
    return user


def create_token(user, name=""):
    """Issue another token for a user (id or name). Returns ``(record, token)``."""
    user = find_user(user)
    with database.atomic():
        return _issue(user, name)


def revoke_token(token_id):
    with database.atomic():
        rows = (
            ApiToken.update(revoked_at=utcnow())
            .where((ApiToken.id == token_id) & ApiToken.revoked_at.is_null())
            .execute()
        )
    if not rows and ApiToken.get_or_none(ApiToken.id == token_id) is None:
        raise NotFound("token", token_id)


# Read as plain values (Prepared.tuples): every request runs this first, and building the
# token and user models took two thirds of it. One row: the token and its user.
_live_token = Prepared(
    lambda digest: ApiToken.select(ApiToken.id, ApiToken.last_used_at, User.id, User.name,
                                   User.role, User.created_at).join(User)
    .where((ApiToken.token_hash == digest) & ApiToken.revoked_at.is_null()).limit(1),
    str)


def authenticate(token):
    """The user a live token belongs to, or None. Every request runs this first, and
    reads the token afresh: a revoked token is refused from the next request on."""
    rows = _live_token.tuples(hash_token(token))
    if not rows:
        return None
    token_id, last_used_at, user_id, name, role, created_at = rows[0]
    last_used_at, now = as_datetime(last_used_at), utcnow()
    if last_used_at is None or now - last_used_at > LAST_USED_RESOLUTION:
        with database.atomic():
            ApiToken.update(last_used_at=now).where(ApiToken.id == token_id).execute()
    # As a query builds it: no defaults applied, nothing marked dirty.
    user = User(__no_default__=True, id=user_id, name=name, role=role,
                created_at=as_datetime(created_at))
    user._dirty.clear()
    return user


def list_users():
    return list(User.select().order_by(User.id))


def tokens_of(user):
    user = find_user(user)
    return list(ApiToken.select().where(ApiToken.user == user).order_by(ApiToken.id))
