"""ETags from record versions, If-Match for writes, and the list envelope."""
import re

from flask import request, url_for
from flask_smorest import abort

ETAG = re.compile(r'^"v(\d+)"$')


def version_etag(version):
    return '"v%d"' % version


def expected_version(required=True):
    """The version named by If-Match: 428 when missing, 412 when it cannot match."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            abort(428, message='Send If-Match with the ETag you read (for example "v3").')
        return None
    match = ETAG.match(header)
    if match is None:
        # A weak, malformed or wildcard tag never names one version, so it cannot match.
        abort(412, message='If-Match must be one strong ETag such as "v3".')
    return int(match.group(1))


def page(rows, next_cursor):
    """``{"items", "next"}`` with ``next`` the absolute URL of the following page."""
    following = None
    if next_cursor:
        args = request.args.to_dict()
        args["cursor"] = next_cursor
        following = url_for(request.endpoint, _external=True, **(request.view_args or {}), **args)
    return {"items": rows, "next": following}
