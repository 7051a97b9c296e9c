from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """How many times one client did one limited thing in the current window (limits/counters.py).

    The key holds a hash of the client's address, never the address itself. A row whose window
    has ended counts from one again at the next hit, and is deleted now and then.
    """

    key = models.CharField(_("key"), max_length=100, primary_key=True)
    hits = models.PositiveIntegerField(_("hits"))
    expires = models.BigIntegerField(_("window ends"), db_index=True, help_text=_("Unix time, in seconds."))

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self) -> str:
        return self.key
