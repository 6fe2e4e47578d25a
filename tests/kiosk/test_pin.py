import pytest

from kiosk.pin import PinGuard, hash_pin, is_pin_hash, verify_pin


def test_hash_is_not_the_pin_and_verifies() -> None:
    stored = hash_pin("482913")
    assert "482913" not in stored
    assert is_pin_hash(stored)
    assert verify_pin("482913", stored)
    assert not verify_pin("482914", stored)
    assert hash_pin("482913") != stored  # salted


@pytest.mark.parametrize("pin", ["12", "12ab", "1234567890123"])
def test_unusable_pins_are_refused(pin: str) -> None:
    with pytest.raises(ValueError):
        hash_pin(pin)


def test_five_wrong_pins_lock_the_panel_for_a_while() -> None:
    now = [1000.0]
    guard = PinGuard(hash_pin("1357"), max_attempts=5, lockout_seconds=300, clock=lambda: now[0])
    for left in (4, 3, 2, 1):
        assert guard.check("0000").attempts_left == left
    locked = guard.check("0000")
    assert not locked.ok and locked.locked_for == 300
    # Even the right PIN is refused while locked.
    now[0] += 100
    result = guard.check("1357")
    assert not result.ok and result.locked_for == pytest.approx(200)
    now[0] += 201
    assert guard.check("1357").ok


def test_without_a_configured_pin_nothing_opens() -> None:
    guard = PinGuard("", max_attempts=5, lockout_seconds=60)
    assert not guard.configured
    assert not guard.check("1234").ok


def test_a_hash_with_impossible_costs_is_not_a_hash() -> None:
    assert not is_pin_hash("scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44)
    assert not is_pin_hash("scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44)
    assert not verify_pin("1234", "scrypt$3$8$1$AAAA$AAAA")  # False, never an exception
