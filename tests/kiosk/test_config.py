import re
import tomllib
from pathlib import Path

import pytest

from kiosk.config import OPTIONS, ConfigError, load_config
from kiosk.pin import hash_pin

EXAMPLE = Path(__file__).resolve().parents[2] / "packaging" / "config.example.toml"


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""})
    assert config.kiosk.idle_seconds == OPTIONS["kiosk"]["idle_seconds"].default
    assert config.theme.primary == "#0E5A7A"
    assert config.kiosk.default_language == "id"


def test_file_and_environment_override(tmp_path: Path) -> None:
    file = tmp_path / "c.toml"
    file.write_text('[kiosk]\nidle_seconds = 90\ndefault_language = "en"\n')
    config = load_config(file, environ={"PLAZA_KIOSK__KIOSK__IDLE_SECONDS": "120"})
    assert config.kiosk.idle_seconds == 120  # the environment wins over the file
    assert config.kiosk.default_language == "en"


def test_plaza_facts_are_no_longer_set_on_a_device(tmp_path: Path) -> None:
    """Name, city and time zone come from the plaza's catalog: an old config that still sets
    them is told where they come from now."""
    file = tmp_path / "old.toml"
    file.write_text('[plaza]\nname = "Plaza Banjarbaru"\ntimezone = "Asia/Jakarta"\n')
    with pytest.raises(ConfigError) as refused:
        load_config(file, environ={})
    message = str(refused.value)
    assert "[plaza] name is no longer set here" in message and "plaza's catalog" in message
    assert "[plaza] timezone is no longer set here" in message


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[kiosk]\nidle_seconds = 'soon'\n", "[kiosk] idle_seconds"),
        ("[kiosk]\nidle_seconds = 2\n", "between 10 and 3600"),
        ("[theme]\nprimary = 'blue'\n", "[theme] primary"),
        ("[kiosk]\nidel_seconds = 60\n", "unknown key(s): idel_seconds"),
        ("[qr]\nallowed_hosts = ['not a host']\n", "[qr] allowed_hosts"),
        ("[staff]\npin_hash = '1234'\n", "never the PIN itself"),
        ("[scanner]\nport = 1\n", "unknown section(s): scanner"),
        ("[printer]\nport = 1\n", "[printer] has unknown key(s): port"),
        ("[printer]\nkind = 'network'\n", "[printer] address must be set when kind is network"),
        ("[printer]\nkind = 'usb'\n", "[printer] device must be set when kind is usb"),
        ("[printer]\npaper_mm = 57\n", "[printer] paper_mm must be one of 58, 80"),
        ("[printer]\nkind = 'cups'\n", "[printer] kind must be"),
        ("kiosk = [", "not valid TOML"),
    ],
)
def test_bad_config_names_the_key_and_the_file(tmp_path: Path, text: str, names: str) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(file, environ={})
    assert names in str(error.value)
    assert str(file) in str(error.value)


def test_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\$PLAZA_KIOSK__KIOSK__DEFAULT_LANGUAGE"):
        load_config(None, environ={"PLAZA_KIOSK__KIOSK__DEFAULT_LANGUAGE": "fr"})


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", environ={})


def test_a_pin_hash_is_accepted(tmp_path: Path) -> None:
    file = tmp_path / "c.toml"
    file.write_text(f'[staff]\npin_hash = "{hash_pin("2468")}"\n')
    assert load_config(file, environ={}).staff.pin_hash.startswith("scrypt$")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[plaza]\nlogo = 'emblem.gif'\n", "[plaza] logo"),
        ("[qr]\ntracking_base_url = 'https://'\n", "[qr] tracking_base_url"),
        ("[staff]\npin_hash = 'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'\n", "[staff] pin_hash"),
        ("[kiosk]\nidle_seconds = 120\nattract_seconds = 60\n", "attract_seconds must be longer"),
    ],
)
def test_values_that_would_break_the_kiosk_later_are_refused_now(
        tmp_path: Path, text: str, names: str) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(names)):
        load_config(file, environ={})


def test_the_example_config_lists_every_key_and_no_other() -> None:
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert {section: set(keys) for section, keys in example.items()} == {
        section: set(options) for section, options in OPTIONS.items()
    }


def test_the_environment_gives_a_list_as_json_or_plain(tmp_path: Path) -> None:
    for value in ("polri.go.id, Lapor.go.id", '["polri.go.id", "lapor.go.id"]'):
        config = load_config(None, environ={"PLAZA_KIOSK__QR__ALLOWED_HOSTS": value})
        assert config.qr.allowed_hosts == ("polri.go.id", "lapor.go.id")


def test_an_unknown_key_in_the_environment_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\$PLAZA_KIOSK__KIOSK__IDEL_SECONDS: \[kiosk\] has unknown key"):
        load_config(None, environ={"PLAZA_KIOSK__KIOSK__IDEL_SECONDS": "90"})


def test_a_check_across_keys_names_the_file_and_the_variable(tmp_path: Path) -> None:
    file = tmp_path / "c.toml"
    file.write_text("[kiosk]\nattract_seconds = 100\n")
    with pytest.raises(ConfigError) as error:
        load_config(file, environ={"PLAZA_KIOSK__KIOSK__IDLE_SECONDS": "120"})
    assert f"{file} and $PLAZA_KIOSK__KIOSK__IDLE_SECONDS: [kiosk] attract_seconds" in str(error.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    file = tmp_path / "bad.toml"
    file.write_text("[kiosk]\nidle_seconds = 2\n[theme]\nprimary = 'blue'\n")
    with pytest.raises(ConfigError) as error:
        load_config(file, environ={})
    assert "[kiosk] idle_seconds must be between 10 and 3600 (got 2)" in str(error.value)
    assert "[theme] primary must be a colour" in str(error.value)


def test_an_override_is_checked_like_the_file() -> None:
    config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""})
    changed = config.with_values(staff={"max_attempts": 3}, qr={"tracking_base_url": "http://127.0.0.1:8765/"})
    assert (changed.staff.max_attempts, changed.staff.lockout_seconds) == (3, 300)
    assert changed.qr.tracking_base_url == "http://127.0.0.1:8765"
    assert config.staff.max_attempts == 5  # the original is left as it was
    with pytest.raises(ConfigError, match=re.escape("override: [staff] max_attempts must be between 1 and")):
        config.with_values(staff={"max_attempts": 0})
    with pytest.raises(ConfigError, match=re.escape("override: [kiosk] has unknown key(s): idel_seconds")):
        config.with_values(kiosk={"idel_seconds": 90})
