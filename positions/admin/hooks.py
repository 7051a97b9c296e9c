"""Extension points of the position admin, so that other apps can build on it without this app knowing them.

`add_form_initial` asks receivers for initial values of the add form (a receiver returns a dict or
None); `position_saved` tells them a position was saved from the admin, with the request. The
contributions app uses both: an approved suggestion pre-fills the add form, and saving links the
suggestion (or an error report) to the position.
"""

from django.dispatch import Signal

# Arguments: request. Each receiver returns a dict of initial values, or None.
add_form_initial = Signal()

# Arguments: request, position, created.
position_saved = Signal()
