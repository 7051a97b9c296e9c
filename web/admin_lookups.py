"""Which query-string lookups the admin's change lists accept: only those their own filters write.

Django's admin accepts a lookup on any field of the model from the query string. That made every
change list an oracle for values nobody is shown: a Viewer recovered a reader's contact address
a letter at a time with ?email__startswith= (faster with ?email__regex=), and on SQLite
?summary__regex=^(.+)+Q$ froze workers until gunicorn killed them. Each change list here takes
only the parameters its list filters and date hierarchy write themselves; anything else (regex
lookups included, always) is refused with a 400 (DisallowedModelAdminLookup).
"""

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.widgets import url_params_from_lookup_dict
from django.db import models

if TYPE_CHECKING:
    # What the mixin is mixed into, for the type checker; at run time it stands on its own.
    AdminBase = admin.ModelAdmin
else:
    AdminBase = object


class FilterLookupsOnly(AdminBase):
    """ModelAdmin mixin: a change list filters only through its list_filter and date_hierarchy."""

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.filter_lookups(request) or self.is_popup_lookup(lookup, value)

    def filter_lookups(self, request) -> set[str]:
        """The query-string names that this admin's filters write (Django's filters' own parameter names)."""
        lookups = set()
        if self.date_hierarchy:
            lookups |= {f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")}
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                lookups.add(str(item.parameter_name))
                continue
            path = str(item[0] if isinstance(item, (list, tuple)) else item)
            field = get_fields_from_path(self.model, path)[-1]
            lookups.add(f"{path}__isnull")
            if isinstance(item, (list, tuple)):
                lookups.add(f"{path}__isempty")  # EmptyFieldListFilter
            if field.is_relation:
                lookups.add(f"{path}__{field.target_field.name}__exact")  # type: ignore[attr-defined]
            elif isinstance(field, models.DateField):
                lookups |= {f"{path}__gte", f"{path}__lt"}
            else:
                lookups |= {path, f"{path}__exact"}  # AllValuesFieldListFilter writes the bare path
        return lookups

    def is_popup_lookup(self, lookup, value) -> bool:
        """A lookup that a raw-id popup writes from a ForeignKey's limit_choices_to (as Django allows)."""
        for fk_lookup in self.model._meta.related_fkey_lookups:
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            if (lookup, value) in url_params_from_lookup_dict(fk_lookup).items():
                return True
        return False


def restrict_registered_admins(site) -> None:
    """Gives FilterLookupsOnly to the admins of other apps too (accounts, login records)."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, FilterLookupsOnly):
            continue
        admin_class = type(model_admin)
        site.unregister(model)
        site.register(model, type(admin_class.__name__, (FilterLookupsOnly, admin_class), {}))
