from pathlib import Path

from kiosk.config import OPTIONS, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "packaging" / "config.example.toml"


def test_the_example_config_states_the_real_defaults() -> None:
    config = load_config(EXAMPLE, environ={})
    for section, options in OPTIONS.items():
        for key, option in options.items():
            assert getattr(getattr(config, section), key) == option.kind(option.default), (section, key)
