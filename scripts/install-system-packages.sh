#!/usr/bin/env bash
# Installs the Debian packages the build, the app and the tests need.
# Idempotent: packages already present are skipped quickly by apt.
set -euo pipefail

packages=(
  # Tauri 2 on Linux (WebKitGTK 4.1 and friends)
  build-essential pkg-config file libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev libgtk-3-dev
  # The seal key password in the Secret Service (keyring, over D-Bus); the
  # tests run GNOME Keyring on a private session bus
  libdbus-1-dev dbus gnome-keyring
  # Running the real window headless and driving it in tests
  xvfb xauth webkit2gtk-driver
  # Browser tests of the UI
  chromium
  # Cross-building the Windows binaries (x86_64-pc-windows-gnu)
  mingw-w64
  # CJK fonts: the window and screenshots (WenQuanYi), result documents in a
  # Song (Ming) face like printed official documents (AR PL UMing)
  fonts-wqy-microhei fonts-arphic-uming
  # Result PDFs: pdftotext/pdftoppm/pdfsig check documents and signatures,
  # SoftHSM2 stands in for a USB key (PKCS#11), python3-venv holds pyHanko
  poppler-utils softhsm2 python3-venv
  # Seal key files: the tests check our PKCS#12 files open with OpenSSL and
  # that files OpenSSL writes (modern and legacy) open with ours
  openssl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
