#!/usr/bin/env bash
# Try the Linux install on a fresh Debian 12 or Ubuntu 24.04 in a container booted with
# systemd, as IT would do it (packaging/README.md), then measure how long the kiosk takes to
# be back on its home screen after `kill -9` and after a frozen GUI thread (SIGSTOP: the
# watchdog). Not run by CI: it needs root, debootstrap, systemd-nspawn and a network, and
# takes a few minutes. Run as root on a Debian or Ubuntu machine:
#
#   try-in-container.sh RELEASE_DIR [--suite bookworm|noble] [--session cage|x] [--runs N]
#                       [--dir DIR] [--linux DIR] [--host-tty] [--remove]
#
# RELEASE_DIR: plaza-kiosk-VERSION-linux-x86_64.tar.gz, its .sha256 and install.sh.
# --dir: where the container's root goes (default /var/tmp/plaza-trial-SUITE; made with
#   debootstrap when empty, kept afterwards unless --remove).
# --linux: a packaging/linux folder whose unit files and plaza-session replace the tarball's
#   once installed (to try changed ones without a new build; install.sh is RELEASE_DIR's).
# --runs: faults of each kind (default 5).
# --host-tty: lend this machine's tty0 and tty1 to the container, so the unit keeps its own
#   TTY settings and cage opens its seat through seatd on tty1 as on a device (input through
#   libinput, with no devices). Only on a machine whose tty1 nobody uses (a server).
#
# A container has no tty1 (unless --host-tty), no GPU and no input devices, so the unit runs
# with a drop-in that takes those away and nothing else: under cage, wlroots' headless backend (a 1280x720
# output in memory) instead of the screen; under X, Xvfb instead of Xorg. The rest is the
# installed unit as it is: Type=notify, the watchdog, Restart=, cage or xinit, plaza-session,
# the app. What this does not show: the screen, touch, seatd or Xorg.wrap on real hardware.
set -euo pipefail

say() { echo "try: $*" >&2; }
die() {
  echo "try: $*" >&2
  exit 1
}

release="" suite=bookworm session=cage runs=5 dir="" linux="" host_tty=no remove=no
while [ $# -gt 0 ]; do
  case $1 in
    --suite) suite=$2 && shift ;;
    --session) session=$2 && shift ;;
    --runs) runs=$2 && shift ;;
    --dir) dir=$2 && shift ;;
    --linux) linux=$2 && shift ;;
    --host-tty) host_tty=yes ;;
    --remove) remove=yes ;;
    -*) die "unknown option $1" ;;
    *) release=$1 ;;
  esac
  shift
done
[ -n "$release" ] || die "usage: $0 RELEASE_DIR [--suite bookworm|noble] [--session cage|x] [--runs N] [--dir DIR] [--linux DIR] [--host-tty] [--remove]"
[ "$(id -u)" = 0 ] || die "run me as root"
for tool in debootstrap systemd-nspawn nsenter; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install debootstrap systemd-container)"
done
tarball=""
for found in "$release"/plaza-kiosk-*-linux-x86_64.tar.gz; do
  if [ -f "$found" ]; then tarball=$(basename "$found"); fi
done
if [ -z "$tarball" ] || [ ! -f "$release/$tarball.sha256" ] || [ ! -f "$release/install.sh" ]; then
  die "$release must hold the tarball, its .sha256 and install.sh"
fi
case $session in cage) unit=plaza-kiosk@kiosk.service ;; x) unit=plaza-kiosk-x@kiosk.service ;; *) die "--session cage or x" ;; esac
dir=${dir:-/var/tmp/plaza-trial-$suite}
machine=plaza-trial-$suite
log=$dir.boot.log

# 1. A fresh system: only what debootstrap puts there (less than a real installation has).
if [ ! -e "$dir/etc/os-release" ]; then
  case $suite in
    bookworm) debootstrap bookworm "$dir" http://deb.debian.org/debian ;;
    noble)
      script=/usr/share/debootstrap/scripts/noble
      [ -e "$script" ] || script=/usr/share/debootstrap/scripts/gutsy # older debootstrap
      keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg
      if [ -e "$keyring" ]; then check=(--keyring "$keyring"); else
        say "no Ubuntu keyring here: the packages are NOT checked against Ubuntu's key"
        check=(--no-check-gpg)
      fi
      debootstrap "${check[@]}" noble "$dir" http://archive.ubuntu.com/ubuntu "$script"
      # As Ubuntu Server's installer does: universe on, and the updates.
      printf 'deb http://archive.ubuntu.com/ubuntu %s main universe\n' noble noble-updates \
        >"$dir/etc/apt/sources.list"
      ;;
    *) die "--suite bookworm or noble" ;;
  esac
  echo "$machine" >"$dir/etc/hostname"
fi
mkdir -p "$dir/root/release"
cp "$release/$tarball" "$release/$tarball.sha256" "$release/install.sh" "$dir/root/release/"

# 2. Boot it with systemd as PID 1.
# (This machine's resolv.conf: a container sharing its network cannot reach the stub
# resolver of its own systemd-resolved, Ubuntu's default.)
ttys=()
[ "$host_tty" = yes ] && ttys=(--bind=/dev/tty0 --bind=/dev/tty1)
systemd-nspawn -b -D "$dir" -M "$machine" --register=no --keep-unit --console=pipe \
  --resolv-conf=replace-host "${ttys[@]}" </dev/null >"$log" 2>&1 &
nspawn=$!
stop_container() {
  if kill -TERM "$nspawn" 2>/dev/null; then wait "$nspawn" 2>/dev/null || true; fi
  if [ "$remove" = yes ]; then rm -rf "$dir" "$log"; else say "the container's root stays in $dir ($(du -sh "$dir" | cut -f1))"; fi
}
trap stop_container EXIT
leader=""
for _ in $(seq 100); do
  leader=$(pgrep -P "$nspawn" -x systemd || true)
  [ -n "$leader" ] && break
  sleep 0.2
done
[ -n "$leader" ] || die "the container did not boot: $(tail -n 5 "$log")"
box() { nsenter -t "$leader" -a -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
say "booted: $(box systemctl is-system-running --wait || true) ($(box systemctl --version | sed -n 1p))"

# 3. The guide, step 2: install.sh (the unit cannot start yet: a container has no tty1).
# (Run again on the same --dir: installed already, so only measured again.)
if [ -L "$dir/opt/plaza-kiosk/current" ]; then
  say "installed already in $dir: measuring only"
else
  box bash -c "cd /root/release && bash install.sh install $tarball --mode kiosk --session $session" ||
    die "install.sh failed (above)"
fi
if [ -n "$linux" ]; then
  cp "$linux/systemd/${unit/@kiosk/@}" "$dir/etc/systemd/system/"
  cp "$linux/plaza-session" "$dir/opt/plaza-kiosk/current/share/plaza-session"
  say "the unit and plaza-session replaced by those in $linux"
fi
box timedatectl set-timezone Asia/Makassar || say "the guide's step 1, timedatectl set-timezone, failed"
box plaza-kiosk selftest | tail -n 1
box env QT_QPA_PLATFORM=offscreen plaza-kiosk doctor || true

# 4. The drop-in that stands in for the screen.
dropin=$dir/etc/systemd/system/${unit/@kiosk/@}.d
mkdir -p "$dropin"
{
  echo "# try-in-container.sh: no GPU or input devices (and no tty1) in a container."
  echo "[Service]"
  if [ "$host_tty" = no ]; then
    printf '%s\n' TTYPath= StandardInput=null TTYReset=no TTYVHangup=no TTYVTDisallocate=no UtmpIdentifier=
  fi
  if [ "$session" = cage ] && [ "$host_tty" = yes ]; then
    echo "Environment=WLR_BACKENDS=headless,libinput WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 WLR_HEADLESS_OUTPUTS=1"
  elif [ "$session" = cage ]; then
    echo "Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 WLR_HEADLESS_OUTPUTS=1"
  else
    echo "ExecStart="
    echo "ExecStart=/usr/bin/xinit /opt/plaza-kiosk/current/share/plaza-session %i -- /usr/bin/Xvfb :0 -nolisten tcp -nocursor -screen 0 1080x1920x24"
  fi
} >"$dropin/try-in-container.conf"
[ "$session" = x ] && box env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb >/dev/null
box systemctl daemon-reload
box systemctl restart "$unit" || die "$unit did not start: $(box journalctl -b -u "$unit" -n 20 --no-pager)"
say "$unit: $(box systemctl show "$unit" -p ActiveState -p StatusText -p WatchdogUSec -p RestartUSec | tr '\n' ' ')"
box env QT_QPA_PLATFORM=offscreen plaza-kiosk doctor 2>/dev/null | grep -E '^[A-Z]+ +watchdog' || true

# 5. The faults. The clock is the container's wall clock (journal time stamps, in µs):
# from the signal to systemd's "Started" line, which it writes when the new app's READY=1
# comes (after its first screen is painted).
measure() {
  local signal=$1 t0 ready watchdog
  box bash -c "until systemctl is-active -q $unit; do sleep 0.1; done"
  # The first pings have come; then a random moment between two pings (they come every
  # WatchdogSec/2), so the figures show the spread, not one lucky phase.
  sleep "$((3 + RANDOM % 3)).$((RANDOM % 10))"
  t0=$(box bash -c "app=\$(pgrep -u kiosk -x plaza-kiosk | head -n 1); date +%s.%N; kill -$signal \$app")
  for _ in $(seq 300); do
    ready=$(box journalctl -u "$unit" -o short-unix --since "@${t0%.*}" --no-pager |
      awk -v t0="$t0" '!found && $1 > t0 && /systemd\[1\]: Started / {print $1 - t0; found = 1}')
    [ -n "$ready" ] && break
    sleep 0.1
  done
  watchdog=$(box journalctl -u "$unit" -o short-unix --since "@${t0%.*}" --no-pager |
    awk -v t0="$t0" '!found && $1 > t0 && /Watchdog timeout/ {printf "%.2f", $1 - t0; found = 1}')
  printf '%s\t%s\t%s\n' "$signal" "${ready:-none}" "${watchdog:--}"
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
results=$(mktemp)
for signal in KILL STOP; do
  for _ in $(seq "$runs"); do measure "$signal" | tee -a "$results"; done
done
for signal in KILL STOP; do
  say "kill -$signal: median $(awk -v s="$signal" '$1 == s {print $2}' "$results" | median) s from the fault to READY=1 again;" \
    "all: $(awk -v s="$signal" '$1 == s {printf "%s ", $2}' "$results")"
done
say "restarts: $(box systemctl show "$unit" -p NRestarts --value)"
rm -f "$results"
