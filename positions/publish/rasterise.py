"""resvg's rendering, run in a helper process of each app process (positions/publish/png.py).

Imported alone by the helper (no Django), so it starts in a fraction of a second.
"""

import resvg_py


def render(svg: str, background: str, zoom: float) -> bytes:
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background=background, zoom=zoom))
