"""Printable documents rendered with WeasyPrint."""

from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_DIR = (settings.BASE_DIR / "static").resolve()


class _StaticFilesOnly(URLFetcher):
    """Documents may load the project's own stylesheets and images, nothing else."""

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        path = Path(url2pathname(parsed.path)).resolve()
        if parsed.scheme != "file" or not path.is_relative_to(STATIC_DIR):
            raise ValueError(f"Only static files may be loaded: {url}")
        return super().fetch(url, headers)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template under templates/pdf/ to PDF bytes.

    Official documents are in Russian whatever the language of the interface.
    Relative URLs in the template (`css/print.css`) resolve against static/.
    """
    with translation.override("ru"):
        html = render_to_string(template_name, context)
    document = HTML(
        string=html,
        base_url=f"{STATIC_DIR.as_uri()}/",
        url_fetcher=_StaticFilesOnly(allowed_protocols={"file"}),
    )
    return document.write_pdf()
