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
