"""Health check for load balancers and `make run`."""
from flask import Blueprint, jsonify

from verify.store.db import database

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Report whether the database answers."""
    try:
        database.execute_sql("SELECT 1").fetchone()
    except Exception as error:  # any failure means unhealthy; say which
        return jsonify(status="unavailable", database=type(error).__name__), 503
    return jsonify(status="ok", database="ok")
