"""Settings declared once: names, types, defaults and help come from one place; bad values fail
naming the variable and the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from nosology.errors import SettingInvalid
from nosology.settings import SETTINGS, Settings, load_settings


def test_every_setting_is_documented_once() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names)) and all(s.help for s in SETTINGS)
    assert "extra" not in names and {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)


def test_values_are_parsed_by_type() -> None:
    settings = load_settings({"NOSOLOGY_MAX_BODY_BYTES": "2048", "NOSOLOGY_LOG_JSON": "off", "NOSOLOGY_DATA_DIR": "/tmp/x",
                              "NOSOLOGY_GATED_SECTIONS": "treatment, classification"})
    assert settings.max_body_bytes == 2048 and settings.log_json is False and settings.data_dir == Path("/tmp/x")
    assert settings.gated_sections == ("treatment", "classification")


@pytest.mark.parametrize(("variable", "value"), [
    ("NOSOLOGY_MAX_BODY_BYTES", "lots"),
    ("NOSOLOGY_MAX_BODY_BYTES", "²"),
    ("NOSOLOGY_MAX_QUERY_CHARS", "-5"),
    ("NOSOLOGY_LOG_JSON", "maybe"),
])
def test_bad_values_name_the_setting_and_the_value(variable: str, value: str) -> None:
    with pytest.raises(SettingInvalid, match=f"{variable}={value!r}"):
        load_settings({variable: value})


@pytest.mark.parametrize("section", ["when_to_get_help", "prevention"])
def test_safety_sections_can_never_be_gated(section: str) -> None:
    with pytest.raises(SettingInvalid, match="can never be gated"):
        load_settings({"NOSOLOGY_GATED_SECTIONS": f"treatment,{section}"})
