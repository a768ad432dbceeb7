"""Participations for the filling tests: a person invited to a campaign, with a personal link
when a token is given (only its sha256 is stored, as the campaigns part stores it)."""

import hashlib
import secrets

from surveys.models import Participation


def make_participation(campaign, person, *, token: str | None = None, **fields) -> Participation:
    return Participation.objects.create(
        campaign=campaign,
        person=person,
        token_hash=hashlib.sha256(token.encode()).hexdigest() if token else None,
        **fields,
    )


def new_token() -> str:
    return secrets.token_urlsafe(32)
