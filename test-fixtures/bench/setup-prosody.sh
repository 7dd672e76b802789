#!/usr/bin/env bash
# Prepares Prosody 0.12 (Debian's package) for the benchmark in work/prosody/: a config from
# prosody/prosody.cfg.lua.in (c2s 25222 without TLS, HTTP 25280 for /roster_admin, rosters from
# the harness's backend on 18080) and USERS accounts user0..user(USERS-1) with password pw-<user>.
#
# The two community modules are not in Debian's prosody-modules and are not part of this
# repository; put them in test-fixtures/bench/prosody/community-modules/ (git-ignored):
#   mod_http_roster_admin.lua    from prosody-modules, mod_http_roster_admin/
#   mod_block_subscriptions.lua  from prosody-modules, mod_block_subscriptions/
# e.g. hg clone https://hg.prosody.im/prosody-modules/ and copy the two files.
#
# As root on Debian 12, it installs what is missing: apt-get install prosody lua-cjson.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODULES=$BENCH/prosody/community-modules
WORK=$BENCH/work/prosody

if ! command -v prosody >/dev/null || ! lua5.4 -e 'require "cjson"' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q prosody lua-cjson
  else
    echo "Prosody 0.12 and lua-cjson are needed: apt-get install prosody lua-cjson" >&2
    exit 3
  fi
fi
# Debian's package starts a system Prosody where it can; the benchmark runs its own.
missing=0
for m in mod_http_roster_admin mod_block_subscriptions; do
  if [ ! -f "$MODULES/$m.lua" ]; then
    echo "missing $MODULES/$m.lua: copy it from prosody-modules ($m/$m.lua)," \
         "e.g. hg clone https://hg.prosody.im/prosody-modules/" >&2
    missing=1
  fi
done
[ "$missing" = 0 ] || exit 3

mkdir -p "$WORK/data" "$WORK/certs"
sed -e "s|@WORK@|$WORK|g" -e "s|@MODULES@|$MODULES|g" -e "s|@C2S_PORT@|$((25222 + PORT_OFFSET))|g" \
    -e "s|@HTTP_PORT@|$((25280 + PORT_OFFSET))|g" -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" -e "s|@DOMAIN@|$DOMAIN|g" \
    "$BENCH/prosody/prosody.cfg.lua.in" > "$WORK/prosody.cfg.lua"

# internal_plain's storage: one Lua file per account under data/<host>/accounts/ (a host's dots
# are written %2e). Written directly: prosodyctl register takes a process per user.
accounts="$WORK/data/$(echo "$DOMAIN" | sed 's/\./%2e/g')/accounts"
mkdir -p "$accounts"
if [ "$(ls "$accounts" | wc -l)" -lt "$USERS" ]; then
  echo "creating $USERS accounts in $accounts" >&2
  for ((i = 0; i < USERS; i++)); do
    printf 'return {\n\t["password"] = "pw-user%d";\n};\n' "$i" > "$accounts/user$i.dat"
  done
fi
# Prosody refuses to run as root; give its files to the prosody user.
if [ "$(id -u)" = 0 ] && id prosody >/dev/null 2>&1; then
  chown -R prosody: "$WORK"
  chmod o+x "$BENCH" "$BENCH/work" 2>/dev/null || true
fi

# TLS (issue 16): an RSA-2048 certificate for the domain, a config for PLAIN (the accounts above)
# and one for SCRAM-SHA-256 (accounts of SHA-256 keys, 4096 iterations, in data-scram/).
certs=$WORK/certs
if [ ! -f "$certs/$DOMAIN.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$DOMAIN" \
      -addext "subjectAltName=DNS:$DOMAIN" -keyout "$certs/$DOMAIN.key" -out "$certs/$DOMAIN.crt" 2>/dev/null
fi
tls_config() { # <auth> <data dir> <file>
  sed -e "s|@WORK@|$WORK|g" -e "s|@MODULES@|$MODULES|g" -e "s|@C2S_PORT@|$((25222 + PORT_OFFSET))|g" \
      -e "s|@DIRECT_TLS_PORT@|$((25223 + PORT_OFFSET))|g" -e "s|@HTTP_PORT@|$((25280 + PORT_OFFSET))|g" -e "s|@BACKEND_PORT@|$BACKEND_PORT|g" \
      -e "s|@DOMAIN@|$DOMAIN|g" -e "s|@AUTH@|$1|g" -e "s|@DATA@|$2|g" \
      "$BENCH/prosody/prosody-tls.cfg.lua.in" > "$3"
}
tls_config internal_plain "$WORK/data" "$WORK/prosody-tls-plain.cfg.lua"
tls_config internal_hashed "$WORK/data-scram" "$WORK/prosody-tls-scram.cfg.lua"
hashed="$WORK/data-scram/$(echo "$DOMAIN" | sed 's/\./%2e/g')/accounts"
mkdir -p "$hashed"
if [ "$(ls "$hashed" | wc -l)" -lt "$CLIENTS" ]; then
  echo "creating $CLIENTS SCRAM-SHA-256 accounts in $hashed" >&2
  # RFC 5802 keys as mod_auth_internal_hashed stores them (hex), derived by Python's hashlib.
  python3 - "$hashed" "$CLIENTS" <<'PY'
import hashlib, hmac, sys
folder, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    user, salt = "user%d" % i, "salt-of-user%d" % i
    salted = hashlib.pbkdf2_hmac("sha256", ("pw-" + user).encode(), salt.encode(), 4096)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").hexdigest()
    with open("%s/%s.dat" % (folder, user), "w") as f:
        f.write('return {\n\t["iteration_count"] = 4096;\n\t["salt"] = "%s";\n'
                '\t["stored_key"] = "%s";\n\t["server_key"] = "%s";\n};\n'
                % (salt, hashlib.sha256(client_key).hexdigest(), server_key))
PY
fi
if [ "$(id -u)" = 0 ] && id prosody >/dev/null 2>&1; then
  chown -R prosody: "$WORK"
fi
echo "$WORK/prosody.cfg.lua"
