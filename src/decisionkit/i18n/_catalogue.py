"""The message catalogues (``fr.yaml``, ``en.yaml``) and the language of the reader."""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGS", "check_lang", "default_lang", "keys", "placeholders", "t"]

LANGS: tuple[str, ...] = ("fr", "en")
"""The languages decisionkit speaks; English is the fallback."""

_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence: the first non-empty one decides
_SPLIT = re.compile(r"[_.@-]")
_FORMATTER = string.Formatter()


def _code(value: str) -> str:
    """The language part of a locale name: ``fr_FR.UTF-8`` -> ``fr``."""
    return _SPLIT.split(value.strip(), maxsplit=1)[0].lower()


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """Return the language of the environment: fr or en (English by default).

    Parameters
    ----------
    environ
        The environment to read; ``os.environ`` when None. ``LC_ALL``, then ``LC_MESSAGES``,
        then ``LANG``: the first non-empty one decides, as in POSIX.

    Returns
    -------
    str
        ``"fr"`` for ``fr``, ``fr_FR.UTF-8``, ``fr_CA``...; ``"en"`` for English, ``C``,
        ``POSIX``, any other language or no setting at all.

    Examples
    --------
    >>> default_lang({"LANG": "fr_FR.UTF-8"})
    'fr'
    >>> default_lang({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"})
    'en'
    >>> default_lang({})
    'en'
    """
    env = os.environ if environ is None else environ
    for name in _ENV:
        value = env.get(name, "")
        if value:
            code = _code(value)
            return code if code in LANGS else "en"
    return "en"


def check_lang(lang: str) -> str:
    """Return ``lang`` as one of :data:`LANGS` (``"FR"``, ``"fr_FR"`` -> ``"fr"``).

    Raises
    ------
    ValueError
        For any other language: ``language 'de' is not available: use fr or en``.

    Examples
    --------
    >>> check_lang("fr_FR.UTF-8")
    'fr'
    """
    code = _code(lang) if isinstance(lang, str) else None
    if code not in LANGS:
        raise ValueError(f"language {lang!r} is not available: use {' or '.join(LANGS)}")
    return code


@cache
def _catalogue(lang: str) -> Mapping[str, str]:
    """The catalogue of one language, read once (``lang`` already checked)."""
    import yaml  # lazily: importing decisionkit.i18n reads no file

    name = f"{lang}.yaml"
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data: Any = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"i18n catalogue {name}: expected a mapping of message id to text")
    bad = sorted(str(k) for k, v in data.items() if not (isinstance(k, str) and isinstance(v, str)))
    if bad:
        raise ValueError(f"i18n catalogue {name}: not a text message: {', '.join(bad)}")
    return dict(data)


def _message(key: str, lang: str) -> str:
    catalogue = _catalogue(check_lang(lang))
    try:
        return catalogue[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the {check_lang(lang)} catalogue") from None


def _fields(text: str) -> frozenset[str]:
    return frozenset(f for _, f, _, _ in _FORMATTER.parse(text) if f is not None)


def keys(lang: str) -> frozenset[str]:
    """Return the message ids of one language's catalogue.

    Examples
    --------
    >>> "output.tco" in keys("fr")
    True
    """
    return frozenset(_catalogue(check_lang(lang)))


def placeholders(lang: str, key: str) -> frozenset[str]:
    """Return the named placeholders of one message (``{element}``, ``{kind}``...).

    Raises
    ------
    KeyError
        If the catalogue has no message ``key``.

    Examples
    --------
    >>> sorted(placeholders("en", "label.input"))
    ['element', 'kind']
    """
    return _fields(_message(key, lang))


def t(key: str, lang: str, /, **params: Any) -> str:
    """Return the message ``key`` in ``lang``, its placeholders filled with ``params``.

    Values are inserted as given: format numbers, amounts and dates first with
    :func:`number`, :func:`money`, :func:`date`...

    Parameters
    ----------
    key
        The message id, e.g. ``"output.tco"``.
    lang
        ``"fr"`` or ``"en"`` (see :func:`check_lang`).
    **params
        One value per placeholder of the message, no more, no less.

    Raises
    ------
    KeyError
        If the catalogue has no message ``key``.
    ValueError
        If ``lang`` is not available, or a placeholder is missing or a parameter unknown.

    Examples
    --------
    >>> t("label.input", "fr", element="Migration", kind=t("kind.duration", "fr"))
    'Migration — durée'
    """
    text = _message(key, lang)
    wanted = _fields(text)
    missing, extra = wanted - params.keys(), params.keys() - wanted
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(sorted(missing))}")
        if extra:
            problems.append(f"unknown {', '.join(sorted(extra))}")
        raise ValueError(
            f"message {key!r} takes {', '.join(sorted(wanted)) or 'no parameter'}: "
            f"{'; '.join(problems)}"
        )
    return text.format(**params)
