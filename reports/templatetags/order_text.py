"""The text of a text appendix laid out for print: headings, clauses, paragraphs."""

from django import template

from ..services.regulation import Block, text_blocks, title_lines

register = template.Library()


@register.filter(name="text_blocks")
def text_blocks_filter(text: str) -> list[Block]:
    return text_blocks(text or "")


@register.filter(name="title_lines")
def title_lines_filter(title: str) -> tuple[str, str]:
    return title_lines(title or "")
