#!/usr/bin/env bash
# Installs the Debian and Python packages that building, running and testing need,
# skipping what is already there. Safe to run again; needs root for apt-get.
set -euo pipefail

debian=(libfcgi-dev libmariadb-dev libcurl4-openssl-dev libssl-dev mariadb-server mariadb-client
    nginx wrk redis-server libhiredis-dev chromium chromium-driver faketime libhpdf-dev poppler-utils)
# gettext: msgfmt checks the translation catalogues (templates/po/*.po).
debian+=(gettext)
missing=()
for package in "${debian[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Debian's policy here starts no service on install; we start our own instances.
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=(pytest requests aiosmtpd selenium jsonschema openapi_spec_validator schemathesis)
for module in "${python[@]}"; do
    python3 -c "import $module" 2>/dev/null || pip install -q "$module"
done
