#!/usr/bin/env bash
# Plaza Kiosk on a Debian 12 or Ubuntu 24.04 box, in one step (run as root):
#
#   install.sh install plaza-kiosk-VERSION-linux-x86_64.tar.gz --mode kiosk [--session cage|x]
#                      [--rotate normal|right|left|inverted]
#   install.sh update plaza-kiosk-VERSION-linux-x86_64.tar.gz   # new folder, then switch
#   install.sh rollback                                          # switch back to the other
#   install.sh status
#
# Layout: /opt/plaza-kiosk/VERSION/ (one folder per version), /opt/plaza-kiosk/current -> the
# running one, /opt/plaza-kiosk/previous -> the one before; the last two are kept. Settings
# in /etc/plaza-kiosk/ (config.toml, machine.env, session.env), never overwritten by an update.
# Data under the kiosk user's data folder (/var/lib/plaza-kiosk/.local/share/plaza-kiosk).
#
# ROOT=/some/folder puts every file under that folder and only prints the steps that act on
# the running system (packages, the user, systemd): the tests use it.
set -euo pipefail

ROOT=${ROOT:-}
OPT=$ROOT/opt/plaza-kiosk
ETC=$ROOT/etc/plaza-kiosk
UNITS=$ROOT/etc/systemd/system
HOME_DIR=/var/lib/plaza-kiosk
USER_NAME=kiosk
MODES="kiosk counter display"

# What the bundle loads from the system (it carries its own Qt, not these): Qt's windows
# under X11/xcb and Wayland, OpenGL/EGL, fonts, glib, D-Bus, keyboard maps, C++ runtime,
# OpenSSL (Python's ssl module), the time zones. dbus: `systemctl show` as the kiosk user
# (doctor's watchdog check) goes through it, and a minimal system may not have it.
QT_SYSTEM_LIBS=(libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  libxkbcommon0 libx11-6 libx11-xcb1 libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libwayland-client0
  libwayland-cursor0 libstdc++6 fontconfig-config libssl3 tzdata dbus)
# cage stops at start without Xwayland ("Cannot create XWayland server"; the Debian package
# does not pull it in). seatd gives cage the screen and input: the units open no logind
# session (see plaza-kiosk@.service).
CAGE_PACKAGES=(cage wlr-randr xwayland seatd)
# xserver-xorg-legacy: Xorg.wrap, which starts the X server as root (no logind session).
X_PACKAGES=(xserver-xorg-core xserver-xorg-legacy xserver-xorg-input-libinput xinit
  x11-xserver-utils xinput)
AUDIO_PACKAGES=(alsa-utils) # aplay: the display board's voice

say() { echo "install.sh: $*"; }
die() {
  echo "install.sh: $*" >&2
  exit 1
}

# A step that acts on the running system: done for real, or only printed under ROOT.
system() {
  if [ -n "$ROOT" ]; then
    echo "install.sh: (ROOT set, not run) $*"
  else
    "$@"
  fi
}

# systemctl for a step that needs a running systemd. In a chroot or an image being prepared
# (no systemd running) the step is left for the first boot, and said so.
systemd_running() { [ -n "$ROOT" ] || [ -d /run/systemd/system ]; }
running_systemd() {
  if systemd_running; then
    system systemctl "$@"
  else
    say "systemd is not running here (a chroot?); left for the first boot: systemctl $*"
  fi
}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

check_root() {
  [ -n "$ROOT" ] || [ "$(id -u)" = 0 ] || die "run me as root (sudo $0 ...); nothing was changed"
}

check_os() {
  local release=$ROOT/etc/os-release ID="" VERSION_ID="" PRETTY_NAME=""
  [ -r "$release" ] || die "cannot tell the OS ($release is missing); nothing was changed"
  # shellcheck disable=SC1090
  . "$release"
  case "$ID $VERSION_ID" in
    "debian 12" | "ubuntu 24.04") ;;
    *)
      [ "${PLAZA_ANY_OS:-}" = 1 ] && {
        say "$PRETTY_NAME is not supported; going on because PLAZA_ANY_OS=1"
        return
      }
      die "$PRETTY_NAME is not supported (Debian 12 or Ubuntu 24.04 are); nothing was changed." \
        "To try anyway: PLAZA_ANY_OS=1 $0 ..."
      ;;
  esac
  OS_ID=$ID
}

# plaza-kiosk-0.1.0-linux-x86_64.tar.gz -> 0.1.0, after checking it is whole and for this machine.
tarball_version() {
  local tarball=$1 name version arch
  [ -f "$tarball" ] || die "no such file: $tarball"
  name=$(basename "$tarball")
  [[ $name =~ ^plaza-kiosk-([0-9][0-9A-Za-z.+~-]*)-linux-([a-z0-9_]+)\.tar\.gz$ ]] ||
    die "$name is not named like plaza-kiosk-VERSION-linux-ARCH.tar.gz"
  version=${BASH_REMATCH[1]} arch=${BASH_REMATCH[2]}
  [ "$arch" = "$(uname -m)" ] || die "$name is built for $arch; this machine is $(uname -m)"
  if [ -f "$tarball.sha256" ]; then
    (cd "$(dirname "$tarball")" && sha256sum --check --status "$name.sha256") ||
      die "$name does not match its checksum ($name.sha256): copy it again"
  else
    say "no $name.sha256 beside it: not verified" >&2
  fi
  VERSION=$version
}

current() { if [ -L "$OPT/current" ]; then readlink "$OPT/current"; fi; }
previous() { if [ -L "$OPT/previous" ]; then readlink "$OPT/previous"; fi; }

# Point `link` at `version` in one rename: the app never sees it missing or half-switched.
point() {
  local link=$1 version=$2
  ln -sfn "$version" "$OPT/.$link.new"
  mv -T "$OPT/.$link.new" "$OPT/$link"
}

unpack() {
  local tarball=$1 version=$2 incoming
  if [ -d "$OPT/$version" ]; then
    say "version $version is already unpacked in $OPT/$version"
    return
  fi
  mkdir -p "$OPT"
  incoming=$(mktemp -d "$OPT/.incoming.XXXXXX")
  tar -xzf "$tarball" -C "$incoming" || {
    rm -rf "$incoming"
    die "cannot unpack $tarball"
  }
  [ -x "$incoming/plaza-kiosk-$version/plaza-kiosk" ] || {
    rm -rf "$incoming"
    die "$tarball holds no plaza-kiosk-$version/plaza-kiosk"
  }
  mv "$incoming/plaza-kiosk-$version" "$OPT/$version"
  rmdir "$incoming"
  say "unpacked version $version into $OPT/$version"
}

# Keep the current and the previous version; remove the others.
prune() {
  local keep_current keep_previous folder name
  keep_current=$(current) keep_previous=$(previous)
  for folder in "$OPT"/*/; do
    [ -L "${folder%/}" ] && continue # current, previous
    name=$(basename "$folder")
    [ "$name" = "$keep_current" ] || [ "$name" = "$keep_previous" ] || {
      rm -rf "$folder"
      say "removed old version $name"
    }
  done
}

switch_to() {
  local version=$1 was
  was=$(current)
  point current "$version"
  if [ -n "$was" ] && [ "$was" != "$version" ]; then
    point previous "$was"
  fi
  prune
  install_units "$OPT/$version/share" "$(installed SESSION)"
  write_command
  say "switched to version $version${was:+ (was $was)}; restarting the service"
  if ! systemd_running; then
    say "version $version starts at the next boot"
  elif running_systemd try-restart 'plaza-kiosk@*.service' 'plaza-kiosk-x@*.service'; then
    say "now running version $version"
  else
    say "version $version did not start; systemd keeps trying. Why: journalctl -b -u 'plaza-kiosk*'" >&2
    say "to go back: $0 rollback" >&2
  fi
}

# Only the chosen session's unit: with both in place, doctor found the other one (loaded,
# never started) and said FAIL.
install_units() {
  local share=$1 session=$2 name=plaza-kiosk@.service other=plaza-kiosk-x@.service
  [ "$session" = x ] && name=plaza-kiosk-x@.service other=plaza-kiosk@.service
  mkdir -p "$UNITS"
  install -m 0644 "$share/systemd/$name" "$UNITS/"
  rm -f "$UNITS/$other"
  running_systemd daemon-reload
}

# The session (cage or x) and mode this machine was installed with.
installed() { sed -n "s/^PLAZA_$1=//p" "$ETC/session.env" 2>/dev/null; }

# `plaza-kiosk` for IT: the app as its service runs it (as the kiosk user, with
# /etc/plaza-kiosk's config and machine.env), so `plaza-kiosk doctor`, `enroll` or `hash-pin`
# from an SSH shell see and change what the kiosk uses, not a second config in a home folder.
write_command() {
  local command=$ROOT/usr/local/bin/plaza-kiosk
  mkdir -p "$(dirname "$command")"
  rm -f "$command" # an older install.sh made it a link
  cat >"$command" <<'COMMAND'
#!/bin/sh
# Plaza Kiosk as its service runs it: as the kiosk user, with /etc/plaza-kiosk/config.toml
# and the KEY=value lines of /etc/plaza-kiosk/machine.env. Written by install.sh.
if [ "$(id -u)" = 0 ] && id kiosk >/dev/null 2>&1; then
  exec runuser -u kiosk -- "$0" "$@"
fi
PLAZA_KIOSK_CONFIG=${PLAZA_KIOSK_CONFIG:-/etc/plaza-kiosk/config.toml}
export PLAZA_KIOSK_CONFIG
if [ -r /etc/plaza-kiosk/machine.env ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      [A-Za-z_]*=*) ;;
      *) continue ;;
    esac
    name=${line%%=*} value=${line#*=}
    case $value in
      \"*\") value=${value#\"} value=${value%\"} ;;
      \'*\') value=${value#\'} value=${value%\'} ;;
    esac
    export "$name=$value"
  done </etc/plaza-kiosk/machine.env
fi
exec /opt/plaza-kiosk/current/plaza-kiosk "$@"
COMMAND
  chmod 0755 "$command"
}

# The packages this session and mode need that are not installed yet (all of them under
# ROOT); nothing is fetched when nothing is missing, so an update from a USB stick works offline.
install_packages() {
  local session=$1 mode=$2 packages=("${QT_SYSTEM_LIBS[@]}") missing=() unknown=() name hint
  if [ "${OS_ID:-}" = ubuntu ]; then # renamed in Ubuntu 24.04 (64-bit time)
    packages=("${packages[@]/#libglib2.0-0/libglib2.0-0t64}")
    packages=("${packages[@]/#libssl3/libssl3t64}")
  fi
  if [ "$session" = cage ]; then packages+=("${CAGE_PACKAGES[@]}"); else packages+=("${X_PACKAGES[@]}"); fi
  [ "$mode" = display ] && packages+=("${AUDIO_PACKAGES[@]}")
  for name in "${packages[@]}"; do
    if [ -n "$ROOT" ] || [ "$(dpkg-query -W -f='${db:Status-Status}' "$name" 2>/dev/null)" != installed ]; then
      missing+=("$name")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "the system libraries Qt needs and the $session session are installed"
    return
  fi
  say "installing the system libraries Qt needs and the $session session: ${missing[*]}"
  system apt-get update -qq
  if [ -z "$ROOT" ]; then
    for name in "${missing[@]}"; do
      # (not piped into grep -q: under pipefail, apt-cache's SIGPIPE would count as "none")
      [[ $(apt-cache policy "$name" 2>/dev/null) == *"Candidate: "[!\(]* ]] || unknown+=("$name")
    done
    if [ ${#unknown[@]} -gt 0 ]; then
      hint="check the network (apt-get update) and /etc/apt/sources.list"
      [ "${OS_ID:-}" = ubuntu ] && hint="$hint; on Ubuntu, cage, seatd, wlr-randr and libxcb-cursor0 are in universe: add-apt-repository universe"
      die "apt offers no package ${unknown[*]}: $hint; then run me again (nothing else was changed)"
    fi
  fi
  system env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # A freshly installed D-Bus is not started by its package on Debian 12 (doctor, run as the
  # kiosk user, asks systemd through it).
  if [[ " ${missing[*]} " == *" dbus "* ]]; then running_systemd start dbus.service; fi
}

# A system user with no password, no shell and no sudo; only the groups a screen, touch and
# sound need. Its home holds the data (store, enrolment, logs).
make_user() {
  if [ -z "$ROOT" ] && id "$USER_NAME" >/dev/null 2>&1; then
    say "user $USER_NAME exists already"
  else
    # video (the screen, and seatd's socket), render (the GPU), input (touch), audio (the
    # TV's voice); a group this system does not have is left out.
    local groups="" group
    for group in video render input audio; do
      if [ -n "$ROOT" ] || getent group "$group" >/dev/null; then groups+=${groups:+,}$group; fi
    done
    system useradd --system --user-group --create-home --home-dir "$HOME_DIR" \
      --shell /usr/sbin/nologin --groups "$groups" "$USER_NAME"
  fi
  system passwd --lock "$USER_NAME"
}

write_settings() {
  local share=$1 mode=$2 rotate=$3 session=$4
  mkdir -p "$ETC"
  if [ ! -e "$ETC/config.toml" ]; then
    install -m 0640 "$share/config.example.toml" "$ETC/config.toml"
    system chgrp "$USER_NAME" "$ETC/config.toml"  # it holds the staff PIN's hash
  fi
  [ -e "$ETC/machine.env" ] || cat >"$ETC/machine.env" <<EOF
# This machine's own values, over /etc/plaza-kiosk/config.toml (which every device of the
# plaza may share): PLAZA_KIOSK__SECTION__KEY=value, e.g.
# PLAZA_KIOSK__KIOSK__DEVICE_ID=kiosk-lobby-1
EOF
  cat >"$ETC/session.env" <<EOF
# Read by the plaza-kiosk unit's session (plaza-session). PLAZA_ROTATE: normal, right (90
# degrees clockwise), left or inverted. PLAZA_OUTPUT: which output (default: the first).
# PLAZA_TOUCH: part of the touch screen's name, under X (default: "touch").
PLAZA_MODE=$mode
PLAZA_SESSION=$session
PLAZA_ROTATE=$rotate
EOF
  # journald: keep the journal bounded on a small disk (the app rotates its own log file).
  mkdir -p "$ROOT/etc/systemd/journald.conf.d"
  printf '[Journal]\nSystemMaxUse=200M\n' >"$ROOT/etc/systemd/journald.conf.d/plaza-kiosk.conf"
}

# cage turns the picture but not touch (cage issue 243): libinput turns touch itself when
# the device carries a calibration matrix.
write_touch_rule() {
  local rotate=$1 matrix="" rule=$ROOT/etc/udev/rules.d/90-plaza-kiosk-touch.rules
  case $rotate in
    right) matrix="0 -1 1 1 0 0" ;;
    left) matrix="0 1 0 -1 0 1" ;;
    inverted) matrix="-1 0 1 0 -1 1" ;;
  esac
  if [ -z "$matrix" ]; then
    rm -f "$rule"
    return
  fi
  mkdir -p "$(dirname "$rule")"
  echo "ENV{ID_INPUT_TOUCHSCREEN}==\"1\", ENV{LIBINPUT_CALIBRATION_MATRIX}=\"$matrix\"" >"$rule"
  system udevadm control --reload
  system udevadm trigger --subsystem-match=input
}

cmd_install() {
  local tarball="" mode="" session=cage rotate=normal
  while [ $# -gt 0 ]; do
    case $1 in
      --mode) mode=${2:-} && shift ;;
      --session) session=${2:-} && shift ;;
      --rotate) rotate=${2:-} && shift ;;
      -*) die "unknown option $1" ;;
      *) tarball=$1 ;;
    esac
    shift
  done
  [ -n "$tarball" ] || usage
  [[ " $MODES " == *" $mode "* ]] || die "--mode must be kiosk, counter or display"
  [[ $session == cage || $session == x ]] || die "--session must be cage or x"
  [[ $rotate =~ ^(normal|right|left|inverted)$ ]] || die "--rotate must be normal, right, left or inverted"
  check_root
  check_os
  if [ "${OS_ID:-}" = ubuntu ] && [ "$session" = cage ] && [ "$rotate" != normal ]; then
    die "Ubuntu 24.04's cage (0.1.5) stops when its output is turned; for a turned screen" \
      "use X: $0 install $tarball --mode $mode --session x --rotate $rotate (nothing was changed)"
  fi
  [ -z "$(current)" ] || die "Plaza Kiosk $(current) is installed already; to change the version:" \
    "$0 update TARBALL (nothing was changed)"
  tarball_version "$tarball"
  local version=$VERSION
  install_packages "$session" "$mode"
  make_user
  unpack "$tarball" "$version"
  local share=$OPT/$version/share
  write_settings "$share" "$mode" "$rotate" "$session"
  [ "$session" = cage ] && write_touch_rule "$rotate"
  if [ "$session" = x ]; then
    mkdir -p "$ROOT/etc/X11"
    printf 'allowed_users=anybody\nneeds_root_rights=yes\n' >"$ROOT/etc/X11/Xwrapper.config"
  fi
  # The build works on this box before anything points at it: a failed selftest leaves no
  # `current`, so install can run again once its cause is fixed.
  system runuser -u "$USER_NAME" -- "$OPT/$version/plaza-kiosk" selftest ||
    die "the selftest failed (above); nothing was started. Fix its cause, then run me again."
  point current "$version"
  install_units "$share" "$session"
  write_command
  install -D -m 0755 "$share/install.sh" "$ROOT/usr/local/sbin/plaza-kiosk-install"
  local unit=plaza-kiosk@$mode.service
  [ "$session" = x ] && unit=plaza-kiosk-x@$mode.service
  system systemctl disable getty@tty1.service
  system systemctl enable "$unit"
  running_systemd stop getty@tty1.service
  say "installed Plaza Kiosk $version as a $mode ($unit); starting it"
  if ! systemd_running; then
    say "$unit starts at the first boot."
  elif running_systemd restart "$unit"; then
    say "$unit is running."
  else
    say "$unit did not start; systemd keeps trying every few seconds. Why: journalctl -b -u $unit" >&2
  fi
  say "next: edit $ETC/config.toml, enrol (plaza-kiosk enroll ...), then: plaza-kiosk doctor"
}

cmd_update() {
  [ $# -eq 1 ] || usage
  check_root
  check_os
  local was
  was=$(current)
  [ -n "$was" ] || die "Plaza Kiosk is not installed here: $0 install ... first (nothing was changed)"
  tarball_version "$1"
  [ "$VERSION" != "$was" ] || die "version $VERSION is the current one already; nothing was changed"
  # The packages a newer version needs (read from session.env); none fetched if none missing.
  local session mode
  session=$(installed SESSION) mode=$(installed MODE)
  install_packages "${session:-cage}" "${mode:-kiosk}"
  unpack "$1" "$VERSION"
  switch_to "$VERSION"
  install -D -m 0755 "$OPT/$VERSION/share/install.sh" "$ROOT/usr/local/sbin/plaza-kiosk-install"
}

cmd_rollback() {
  check_root
  local back
  back=$(previous)
  if [ -z "$back" ] || [ ! -d "$OPT/$back" ]; then
    die "there is no previous version to go back to; nothing was changed"
  fi
  switch_to "$back"
}

cmd_status() {
  local folder
  echo "current:  $(current || true)"
  echo "previous: $(previous || true)"
  for folder in "$OPT"/*/; do
    [ -d "$folder" ] && [ ! -L "${folder%/}" ] && echo "kept:     $(basename "$folder")"
  done
  if [ -z "$ROOT" ] && command -v systemctl >/dev/null; then
    systemctl --no-pager status 'plaza-kiosk@*.service' 'plaza-kiosk-x@*.service' 2>/dev/null | head -n 12 || true
  fi
}

case ${1:-} in
  install) shift && cmd_install "$@" ;;
  update) shift && cmd_update "$@" ;;
  rollback) shift && cmd_rollback "$@" ;;
  status) shift && cmd_status "$@" ;;
  *) usage ;;
esac
