# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public holidays of a country and region, from the ``holidays`` library.

The rules change by law from year to year (Poland made Christmas Eve a
public holiday from 2025; Ukraine suspended its holidays under martial law),
so they are never listed here: the library is the only source.
"""

import holidays

from .errors import CountryError


def supported_subdivisions(country):
    """The subdivision codes the library knows for a country code."""
    supported = holidays.list_supported_countries()
    code = (country or "").upper()
    if code not in supported:
        raise CountryError(
            f"The holidays library knows no country {country!r}: "
            "use an ISO 3166-1 code such as 'PL'."
        )
    return tuple(supported[code])


def public_holidays(country, years, subdivision=None, language=None):
    """Sorted ``(date, name)`` pairs of the public holidays of ``country``
    (ISO code) and optional ``subdivision`` in ``years``.

    ``language`` (e.g. ``'en_US'``) is used when the library translates that
    country's names, otherwise the library's default names are kept.
    """
    subdivisions = supported_subdivisions(country)
    code = country.upper()
    subdivision = subdivision or None
    if subdivision and subdivision not in subdivisions:
        known = ", ".join(subdivisions) or "none"
        raise CountryError(
            f"Country {code} has no subdivision {subdivision!r}: use one of {known}."
        )
    calendar_class = holidays.country_holidays(code, subdiv=subdivision)
    options = {"subdiv": subdivision, "years": list(years)}
    if language and language in (calendar_class.supported_languages or ()):
        options["language"] = language
    return sorted(holidays.country_holidays(code, **options).items())
