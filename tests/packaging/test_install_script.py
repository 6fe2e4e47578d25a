"""packaging/linux/install.sh on a temporary root (ROOT=...): the versioned folders, the
`current` and `previous` links switched on update and rollback, two versions kept, and the
refusals (installed twice, an unsupported OS, a damaged tarball) that change nothing."""

from __future__ import annotations

import hashlib
import io
import os
import platform
import subprocess
import tarfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "install.sh"
DEBIAN_12 = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'


def bundle(folder: Path, version: str) -> Path:
    """A tarball laid out like `make package`'s (an app that prints its version)."""
    name = f"plaza-kiosk-{version}"
    files = {
        f"{name}/plaza-kiosk": (f"#!/bin/sh\necho {version}\n", 0o755),
        f"{name}/share/systemd/plaza-kiosk@.service": ("[Service]\n", 0o644),
        f"{name}/share/systemd/plaza-kiosk-x@.service": ("[Service]\n", 0o644),
        f"{name}/share/config.example.toml": ("[kiosk]\n", 0o644),
        f"{name}/share/install.sh": (SCRIPT.read_text(), 0o755),
    }
    path = folder / f"{name}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for member, (text, mode) in files.items():
            info = tarfile.TarInfo(member)
            info.size, info.mode = len(text.encode()), mode
            tar.addfile(info, io.BytesIO(text.encode()))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    Path(f"{path}.sha256").write_text(f"{digest}  {path.name}\n")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "os-release").write_text(DEBIAN_12)
    return root


def install(root: Path, *args: str | Path):
    env = dict(os.environ, ROOT=str(root))
    env.pop("PLAZA_ANY_OS", None)
    return subprocess.run(["bash", str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=60)


def links(root: Path) -> tuple[str | None, str | None, list[str]]:
    opt = root / "opt" / "plaza-kiosk"
    read = lambda name: os.readlink(opt / name) if (opt / name).is_symlink() else None  # noqa: E731
    kept = sorted(p.name for p in opt.iterdir() if p.is_dir() and not p.is_symlink()
                  and not p.name.startswith("."))
    return read("current"), read("previous"), kept


def test_install_update_and_rollback_switch_the_links(root: Path, tmp_path: Path) -> None:
    first = install(root, "install", bundle(tmp_path, "1.0.0"), "--mode", "kiosk")
    assert first.returncode == 0, first.stderr
    assert links(root) == ("1.0.0", None, ["1.0.0"])
    app = root / "opt" / "plaza-kiosk" / "current" / "plaza-kiosk"
    assert subprocess.run([app], capture_output=True, text=True).stdout.strip() == "1.0.0"
    etc = root / "etc" / "plaza-kiosk"
    assert (etc / "config.toml").read_text() == "[kiosk]\n"
    assert "PLAZA_ROTATE=normal" in (etc / "session.env").read_text()
    assert (root / "etc" / "systemd" / "system" / "plaza-kiosk@.service").exists()
    # What acts on the running system is only said under ROOT: packages, user, units.
    assert "(ROOT set, not run) useradd" in first.stdout
    assert "libxcb-cursor0" in first.stdout and "cage" in first.stdout

    (etc / "config.toml").write_text("[kiosk]\nidle_seconds = 90\n")  # IT's own settings
    assert install(root, "update", bundle(tmp_path, "1.1.0")).returncode == 0
    assert links(root) == ("1.1.0", "1.0.0", ["1.0.0", "1.1.0"])
    assert subprocess.run([app], capture_output=True, text=True).stdout.strip() == "1.1.0"
    assert "idle_seconds = 90" in (etc / "config.toml").read_text()  # never overwritten

    assert install(root, "update", bundle(tmp_path, "1.2.0")).returncode == 0
    assert links(root) == ("1.2.0", "1.1.0", ["1.1.0", "1.2.0"])  # the last two kept

    back = install(root, "rollback")
    assert back.returncode == 0, back.stderr
    assert links(root) == ("1.1.0", "1.2.0", ["1.1.0", "1.2.0"])
    assert subprocess.run([app], capture_output=True, text=True).stdout.strip() == "1.1.0"
    assert install(root, "rollback").returncode == 0  # and forth again
    assert links(root) == ("1.2.0", "1.1.0", ["1.1.0", "1.2.0"])


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): os.readlink(p) if p.is_symlink() else str(p.stat().st_size)
            for p in sorted(root.rglob("*"))}


def test_installing_twice_stops_and_changes_nothing(root: Path, tmp_path: Path) -> None:
    tarball = bundle(tmp_path, "1.0.0")
    assert install(root, "install", tarball, "--mode", "display").returncode == 0
    before = snapshot(root)
    again = install(root, "install", tarball, "--mode", "display")
    assert again.returncode == 1
    assert "installed already" in again.stderr and "nothing was changed" in again.stderr
    same = install(root, "update", tarball)
    assert same.returncode == 1 and "current one already" in same.stderr
    assert snapshot(root) == before


def test_an_unsupported_os_stops_before_any_change(root: Path, tmp_path: Path) -> None:
    (root / "etc" / "os-release").write_text('PRETTY_NAME="Fedora Linux 40"\nID=fedora\nVERSION_ID=40\n')
    before = snapshot(root)
    refused = install(root, "install", bundle(tmp_path, "1.0.0"), "--mode", "kiosk")
    assert refused.returncode == 1
    assert "Fedora Linux 40 is not supported" in refused.stderr
    assert "nothing was changed" in refused.stderr
    assert snapshot(root) == before


def test_a_damaged_tarball_or_a_missing_install_is_refused(root: Path, tmp_path: Path) -> None:
    tarball = bundle(tmp_path, "1.0.0")
    assert install(root, "update", tarball).returncode == 1  # nothing to update yet
    with open(tarball, "ab") as file:
        file.write(b"garbage")
    before = snapshot(root)
    damaged = install(root, "install", tarball, "--mode", "kiosk")
    assert damaged.returncode == 1 and "does not match its checksum" in damaged.stderr
    assert install(root, "rollback").returncode == 1
    assert snapshot(root) == before


UBUNTU_24 = 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nID=ubuntu\nVERSION_ID="24.04"\n'
LINUX = SCRIPT.parent


def test_only_the_chosen_sessions_unit_is_installed(root: Path, tmp_path: Path) -> None:
    # With both in place, doctor found the one never started and said FAIL.
    done = install(root, "install", bundle(tmp_path, "1.0.0"), "--mode", "kiosk", "--session", "x")
    assert done.returncode == 0, done.stderr
    units = root / "etc" / "systemd" / "system"
    assert (units / "plaza-kiosk-x@.service").exists()
    assert not (units / "plaza-kiosk@.service").exists()
    assert "xserver-xorg-legacy" in done.stdout and "seatd" not in done.stdout
    assert install(root, "update", bundle(tmp_path, "1.1.0")).returncode == 0
    assert not (units / "plaza-kiosk@.service").exists()  # the session is kept on update


def test_the_command_runs_the_app_as_the_service_does(root: Path, tmp_path: Path) -> None:
    assert install(root, "install", bundle(tmp_path, "1.0.0"), "--mode", "kiosk").returncode == 0
    command = root / "usr" / "local" / "bin" / "plaza-kiosk"
    assert not command.is_symlink() and os.access(command, os.X_OK)
    text = command.read_text()
    assert "runuser -u kiosk" in text and "/etc/plaza-kiosk/config.toml" in text
    assert "/etc/plaza-kiosk/machine.env" in text
    assert subprocess.run(["sh", "-n", command]).returncode == 0


def test_ubuntu_gets_its_package_names_and_no_turned_cage(root: Path, tmp_path: Path) -> None:
    (root / "etc" / "os-release").write_text(UBUNTU_24)
    before = snapshot(root)
    refused = install(root, "install", bundle(tmp_path, "1.0.0"), "--mode", "kiosk", "--rotate", "right")
    assert refused.returncode == 1 and "--session x" in refused.stderr
    assert snapshot(root) == before
    done = install(root, "install", bundle(tmp_path, "1.0.0"), "--mode", "kiosk")
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert "libglib2.0-0t64" in words and "libssl3t64" in words and "libssl3" not in words
    assert {"cage", "xwayland", "seatd", "dbus"} <= set(words)


def unit(name: str) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in (LINUX / "systemd" / name).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def seconds(value: str) -> float:
    return float(value[:-2]) / 1000 if value.endswith("ms") else float(value)


@pytest.mark.parametrize("name", ["plaza-kiosk@.service", "plaza-kiosk-x@.service"])
def test_the_units_can_be_ready_and_back_within_the_budget(name: str) -> None:
    settings = unit(name)
    # A PAM login session moves the app into logind's scope, where systemd ignores READY=1.
    assert "PAMName" not in settings
    assert settings["Type"] == ["notify"] and settings["NotifyAccess"] == ["all"]
    assert "XDG_RUNTIME_DIR=%t/" in " ".join(settings["Environment"])
    assert settings["RuntimeDirectory"]
    assert "network-online.target" not in " ".join(settings.get("After", []) + settings.get("Wants", []))
    # A freeze noticed at most WatchdogSec after the last ping, killed within TimeoutAbortSec
    # at worst, restarted after RestartSec, painted within 3 s: inside 10 s even then.
    worst = (seconds(settings["WatchdogSec"][0]) + seconds(settings["RestartSec"][0])
             + seconds(settings["TimeoutAbortSec"][0]) + 3)
    assert worst <= 10
    assert seconds(settings["WatchdogSec"][0]) >= 5  # pings 2.5 s apart: a slow moment is let be
    assert settings["Restart"] == ["always"] and settings["LimitCORE"] == ["0"]


def fake_cage(folder: Path, help_text: str, version: str) -> dict[str, str]:
    folder.mkdir()
    (folder / "cage").write_text(
        "#!/bin/sh\n"
        f'case $1 in -h) printf "%s" "{help_text}" >&2; exit 1 ;;\n'
        f'  -v) echo "Cage version {version}"; exit 0 ;; esac\n'
        'echo "cage $*"; echo "PLAZA_ROTATE=$PLAZA_ROTATE PLAZA_TURNED_BY_CAGE=$PLAZA_TURNED_BY_CAGE"\n')
    (folder / "cage").chmod(0o755)
    return dict(os.environ, PATH=f"{folder}:{os.environ['PATH']}")


@pytest.mark.parametrize(("rotate", "flags"), [("right", "-r"), ("inverted", "-r -r"),
                                                ("left", "-r -r -r"), ("normal", "")])
def test_debian_cage_turns_its_output_with_r(tmp_path: Path, rotate: str, flags: str) -> None:
    env = fake_cage(tmp_path / "bin", " -r\t Rotate the output 90 degrees clockwise\n", "0.1.4")
    env["PLAZA_ROTATE"] = rotate
    ran = subprocess.run(["sh", LINUX / "plaza-session", "--cage", "kiosk"], env=env,
                         capture_output=True, text=True, timeout=10)
    started = ran.stdout.splitlines()[0].split()
    assert started[:2] == ["cage", "-d"] and started[-1] == "kiosk"
    assert " ".join(started[2:-3]) == flags and started[-3] == "--"
    assert started[-2].endswith("plaza-session")


def test_ubuntu_cage_is_not_turned_rather_than_restarted_forever(tmp_path: Path) -> None:
    env = fake_cage(tmp_path / "bin", " -s\t Allow VT switching\n", "0.1.5")
    env["PLAZA_ROTATE"] = "right"
    ran = subprocess.run(["sh", LINUX / "plaza-session", "--cage", "kiosk"], env=env,
                         capture_output=True, text=True, timeout=10)
    assert ran.stdout.splitlines()[0].split()[:3] == ["cage", "-d", "--"]
    assert "PLAZA_ROTATE=normal" in ran.stdout and "not turning" in ran.stderr
