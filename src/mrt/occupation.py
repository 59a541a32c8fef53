"""What is specific to the occupation studied, read from ``occupation.toml`` beside the raw data.

Code and notebooks take the occupation's names, its reference occupation code, its work settings,
its route up and the project's dollar year from here, so that the same pipeline can study another
occupation (ADAPTING.md) by pointing ``MRT_RAW_DIR`` at that occupation's raw folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mrt import paths
from mrt.io import unsafe_text

# The column every processed BLS table uses for comparability with the reference occupation code;
# the raw tables name it after the code (config: comparability_column).
COMPARABLE = "comparable_to_reference_code"
COMPARABILITY = ("yes", "no", "partly")


class ConfigError(ValueError):
    """occupation.toml is missing, unreadable or lacks a value; the message names the file and the key."""


@dataclass(frozen=True)
class Advancement:
    route_label: str
    occupation: str
    pay_measure: str
    pay_group: str


@dataclass(frozen=True)
class Occupation:
    name: str
    name_singular: str
    short_name: str
    reference_soc_code: str
    reference_soc_title: str
    comparability_column: str
    dollar_year: int
    settings: dict[str, str]
    setting_labels: dict[str, str]
    advancement: Advancement
    # settings (as named in a raw table, lower case) whose record counts only part of the setting
    partial_settings: frozenset[str] = frozenset()
    # the occupation's professional certifications: key -> name (the route certification_<key>)
    certifications: dict[str, str] = field(default_factory=dict)

    def setting_key(self, as_named: str) -> str | None:
        """The project's key for a setting as a table or guide names it (case-insensitive), or None."""
        return self.settings.get(as_named.strip().lower())


def _require(data: dict, key: str, kind: type, path: Path, section: str = ""):
    where = f"{section}.{key}" if section else key
    if key not in data:
        raise ConfigError(f"{paths.relative(path)}: expected a value for '{where}', found none")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ConfigError(f"{paths.relative(path)}: expected '{where}' to be {kind.__name__}, found {value!r}")
    return value


def read(path: Path) -> Occupation:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{paths.relative(path)}: file not found (every raw data folder needs its occupation.toml)") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{paths.relative(path)}: not valid TOML ({error})") from None
    _check_text(data, path)
    settings = _require(data, "settings", dict, path)
    labels = _require(data, "setting_labels", dict, path)
    for section, table in (("settings", settings), ("setting_labels", labels)):
        odd = {k: v for k, v in table.items() if not isinstance(v, str)}
        if odd:
            raise ConfigError(f"{paths.relative(path)}: expected every [{section}] value to be text, found {odd!r} "
                              "(a key = value line after a [section] header belongs to that section)")
    unlabelled = sorted(set(settings.values()) - set(labels))
    if unlabelled:
        raise ConfigError(f"{paths.relative(path)}: expected a setting_labels entry for {unlabelled}")
    advancement = _require(data, "advancement", dict, path)
    partial = data.get("partial_settings", [])
    if not isinstance(partial, list) or not all(isinstance(x, str) for x in partial):
        raise ConfigError(f"{paths.relative(path)}: expected 'partial_settings' to be a list of setting names, found {partial!r}")
    unknown = sorted({x.lower() for x in partial} - {str(k).lower() for k in settings})
    if unknown:
        raise ConfigError(f"{paths.relative(path)}: expected every partial_settings entry to be a setting named in [settings], found {unknown}")
    certifications = data.get("certifications", {})
    if not isinstance(certifications, dict) or not all(isinstance(v, str) and re.fullmatch(r"[a-z0-9_]+", str(k))
                                                        for k, v in certifications.items()):
        raise ConfigError(f"{paths.relative(path)}: expected [certifications] to map lower-case keys to names, found {certifications!r}")
    return Occupation(
        name=_require(data, "name", str, path), name_singular=_require(data, "name_singular", str, path),
        short_name=_require(data, "short_name", str, path),
        reference_soc_code=_require(data, "reference_soc_code", str, path),
        reference_soc_title=_require(data, "reference_soc_title", str, path),
        comparability_column=_require(data, "comparability_column", str, path),
        dollar_year=_require(data, "dollar_year", int, path),
        settings={str(k).lower(): str(v) for k, v in settings.items()}, setting_labels={str(k): str(v) for k, v in labels.items()},
        advancement=Advancement(**{k: _require(advancement, k, str, path, "advancement")
                                   for k in ("route_label", "occupation", "pay_measure", "pay_group")}),
        partial_settings=frozenset(x.lower() for x in partial),
        certifications={str(k): v for k, v in certifications.items()},
    )


def _check_text(value, path: Path, where: str = "") -> None:
    """Every key and text value is plain text on one line: names from here land in the README and the site."""
    if isinstance(value, dict):
        for key, inner in value.items():
            name = f"{where}.{key}" if where else str(key)
            problem = unsafe_text(str(key))
            if problem:
                raise ConfigError(f"{paths.relative(path)}: expected key {name!r} to be plain text on one line, found {problem}")
            _check_text(inner, path, name)
    elif isinstance(value, list):
        for number, inner in enumerate(value, start=1):
            _check_text(inner, path, f"{where}[{number}]")
    elif isinstance(value, str):
        problem = unsafe_text(value)
        if problem:
            raise ConfigError(f"{paths.relative(path)}: expected '{where}' to be plain text on one line, found {problem}")


@lru_cache(maxsize=None)
def _cached(path: str) -> Occupation:
    return read(Path(path))


def current() -> Occupation:
    """The occupation of the raw folder in use (``data/raw`` unless ``MRT_RAW_DIR`` points elsewhere)."""
    return _cached(str(paths.OCCUPATION))
