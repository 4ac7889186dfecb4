"""Users and API tokens (admin only)."""
from verify import users as domain

from .schemas import NewUserSchema, TokenSchema, UserSchema, page_schema
from .smorest import Blueprint

blp = Blueprint("users", __name__, url_prefix="/api/v1",
                description="People who use claimdesk and their tokens (admin only)")


def with_token(record, token):
    record.token = token
    return record


@blp.route("/users", methods=["POST"])
@blp.access("admin", 409)
@blp.arguments(UserSchema)
@blp.response(201, NewUserSchema)
def create_user(fields):
    """Create a user and a first token (shown once)"""
    user, (record, token) = domain.create_user(**fields)
    return {"user": user, "token": with_token(record, token)}


@blp.route("/users", methods=["GET"])
@blp.access("admin")
@blp.response(200, page_schema(UserSchema))
def list_users():
    """List users"""
    return {"items": domain.list_users(), "next": None}


@blp.route("/users/<int:user_id>/tokens", methods=["POST"])
@blp.access("admin", 404)
@blp.arguments(TokenSchema)
@blp.response(201, TokenSchema)
def create_token(fields, user_id):
    """Issue another token for a user (shown once)"""
    record, token = domain.create_token(user_id, **fields)
    return with_token(record, token)


@blp.route("/users/<int:user_id>/tokens", methods=["GET"])
@blp.access("admin", 404)
@blp.response(200, page_schema(TokenSchema))
def list_tokens(user_id):
    """List a user's tokens (never the tokens themselves)"""
    return {"items": domain.tokens_of(user_id), "next": None}


@blp.route("/tokens/<int:token_id>", methods=["DELETE"])
@blp.access("admin", 404)
@blp.response(204)
def revoke_token(token_id):
    """Revoke a token"""
    domain.revoke_token(token_id)
    return "", 204
