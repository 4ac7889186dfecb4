"""Domain errors. They carry meaning, not HTTP: ``api.errors`` maps each to a status."""


class DomainError(Exception):
    def __init__(self, message, **extra):
        super().__init__(message)
        self.message = message
        self.extra = extra


class NotFound(DomainError):
    def __init__(self, resource, ident):
        super().__init__("%s %s does not exist" % (resource, ident), resource=resource)


class ValidationFailed(DomainError):
    """Input that is well-formed but not acceptable; ``errors`` maps field -> reason."""

    def __init__(self, errors, message="The request has invalid fields.", location="body"):
        super().__init__(message)
        self.errors = errors
        # Where the fields are: "body", or "header" for a request header.
        self.location = location


class PermissionDenied(DomainError):
    pass


class Conflict(DomainError):
    pass


class InvalidTransition(Conflict):
    def __init__(self, action, state, allowed):
        super().__init__(
            "'%s' is not allowed from state '%s'" % (action, state),
            state=state,
            allowed_actions=list(allowed),
        )


class StaleVersion(DomainError):
    """The caller's version is not the current one: someone else changed the record."""

    def __init__(self, current):
        super().__init__(
            "the claim changed since you read it (current version %d)" % current,
            current_version=current,
        )
