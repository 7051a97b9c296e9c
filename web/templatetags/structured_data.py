"""JSON-LD for pages, written so that no value can close the script element it sits in."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As json_script escapes: a value holding "</script>" or "<!--" stays data.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
