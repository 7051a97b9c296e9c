"""Public pages about positions, one module per kind of page; urls.py names them through this package."""

from .actors import actor_detail, actor_list
from .authorisations import authorisation_list
from .countries import country_detail, country_list
from .home import home
from .positions import position_detail, position_list

__all__ = [
    "actor_detail",
    "actor_list",
    "authorisation_list",
    "country_detail",
    "country_list",
    "home",
    "position_detail",
    "position_list",
]
