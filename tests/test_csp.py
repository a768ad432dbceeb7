"""The Content-Security-Policy: every page sends it, and no template carries what it refuses
(inline scripts, on…= handlers, style attributes)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from mentoring.models import Person
from tests.mentoring.factories import PersonFactory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Rendered by WeasyPrint or sent by e-mail: no browser applies the policy to them.
NOT_IN_BROWSER = ("pdf", "emails")

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"""\sstyle\s*=""", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)


def _directives(header: str) -> dict[str, list[str]]:
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


def _policy(response) -> dict[str, list[str]]:
    return _directives(response.headers["Content-Security-Policy"])


@pytest.mark.django_db
def test_sign_in_page_sends_the_policy(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert _policy(response) == POLICY


def test_pages_of_a_signed_in_user_send_the_policy(client, curator, school):
    client.force_login(curator)

    for url in (reverse("home"), reverse("people_list", args=[school.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert _policy(response) == POLICY, url


def test_a_printable_pdf_is_not_held_to_the_page_policy(client, curator, school):
    # Chromium shows an inline PDF through an <embed> that object-src 'none' would block.
    person = PersonFactory(organisation=school, kind=Person.Kind.STAFF)
    client.force_login(curator)

    response = client.get(reverse("consent_form_pdf", args=[person.pk]), {"kind": "processing"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response.headers


def _page_templates() -> list[Path]:
    return [
        path
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.relative_to(TEMPLATES).parts[0] not in NOT_IN_BROWSER
    ]


def _offences(text: str) -> list[str]:
    found = []
    for match in SCRIPT_TAG.finditer(text):
        attributes = match.group(1)
        if "src=" not in attributes and 'type="application/json"' not in attributes:
            found.append(f"inline script: {match.group(0)}")
    found += [f"handler: {m.group(0).strip()}" for m in HANDLER.finditer(text)]
    found += [f"style attribute: {m.group(0).strip()}" for m in STYLE.finditer(text)]
    found += ["<style> element" for _ in STYLE_TAG.finditer(text)]
    return found


def test_the_scan_finds_what_the_policy_refuses():
    page = """<select onchange="this.form.submit()"><span style="left: 3%">
        <script>alert(1)</script><style>p {}</style><div ONCLICK='x()'>"""

    assert len(_offences(page)) == 5
    assert _offences('<script src="/static/js/app.js"></script>') == []
    assert _offences('<script id="data" type="application/json">{}</script>') == []
    assert _offences('<div data-onchange="x" data-style="y" class="once">') == []


def test_templates_carry_no_inline_script_handler_or_style():
    templates = _page_templates()
    assert len(templates) > 50

    offences = {
        str(path.relative_to(TEMPLATES)): found
        for path in templates
        if (found := _offences(path.read_text(encoding="utf-8")))
    }

    assert offences == {}
