#!/usr/bin/env bash
# The Dockerfile's two stages, played on this host (no Docker engine runs here): publish the web application and the
# command line with a version and commit baked in, then run them as the image does — an unprivileged user, Production
# settings, UK time, the database on a data folder only that user may write — behind a simulated TLS proxy
# (X-Forwarded-Proto), and check what an operator checks after a deployment:
#   complexcases migrate and admin create (password on stdin) on the data folder;
#   /health/live and /health/ready answer Healthy without signing in; /info names the baked-in version and commit;
#   the first administrator signs in and reaches /admin/users; a wrong password is refused;
#   without a key ring certificate the site refuses to start, with one line saying what to set and no stack trace; with a
#   (throwaway, self-signed, made here in the temporary folder) certificate the keys stored in the database are encrypted.
# Usage: scripts/production-smoke.sh   (exit 0 and "production smoke: passed" when every check holds)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
web_pid=""
cleanup() { [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# SMOKE_KEEP=1 leaves the folder and the site running, to look at after a failure.
[ -n "${SMOKE_KEEP:-}" ] && trap - EXIT
fail() { echo "production smoke: FAILED: $*" >&2; [ -f "$work/web.log" ] && tail -n 40 "$work/web.log" >&2; exit 1; }

version="9.8.7-smoke"
commit="0123456789abcdef0123456789abcdef01234567"
# Stage 1, as the Dockerfile's build stage.
dotnet publish src/ComplexCases.Web -c Release -o "$work/app/web" -p:Version=$version -p:SourceRevisionId=$commit -nologo -v q >/dev/null
dotnet publish src/ComplexCases.Cli -c Release -o "$work/app/cli" -p:Version=$version -p:SourceRevisionId=$commit -nologo -v q >/dev/null

# Stage 2: the image's user is not root. Here: "nobody" when this runs as root (CI), else the caller itself.
mkdir -p "$work/data"
as_app=()
if [ "$(id -u)" = 0 ]; then
  chmod 755 "$work" && chmod -R a+rX "$work/app" && chown 65534:65534 "$work/data"
  as_app=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$work/data")
fi
chmod 700 "$work/data"
export TZ=Europe/London ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1
db="Data Source=$work/data/complexcases.db"
cli=("${as_app[@]}" "$work/app/cli/complexcases")

"${cli[@]}" migrate --db "$db" >/dev/null || fail "complexcases migrate"
password="Smoke-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
printf '%s\n' "$password" | "${cli[@]}" admin create --user smoke.admin --password-stdin --db "$db" >/dev/null \
  || fail "complexcases admin create"

# The data protection keys are encrypted to a certificate in Production: a throwaway one, made here as an operator would
# make theirs, a PFX whose password comes from the environment; readable by the application's user only.
bash scripts/ensure-openssl.sh || fail "openssl unavailable"
mkdir -p "$work/secrets"
openssl req -x509 -newkey rsa:3072 -nodes -days 2 -subj "/CN=complexcases smoke key ring" \
  -keyout "$work/secrets/key.pem" -out "$work/secrets/certificate.pem" 2>/dev/null || fail "openssl could not make a certificate"
pfx_password="Pfx-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
openssl pkcs12 -export -in "$work/secrets/certificate.pem" -inkey "$work/secrets/key.pem" -out "$work/secrets/key-ring.pfx" \
  -passout "pass:$pfx_password" || fail "openssl could not write the PFX"
rm "$work/secrets/key.pem"
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$work/secrets"
chmod 700 "$work/secrets" && chmod 600 "$work/secrets/"*
pseudonym_key="$(head -c 32 /dev/urandom | base64)"

# Without the certificate, Production does not start: exit code 1, and stderr says what to set (no stack trace).
set +e
(cd "$work/app/web" && exec "${as_app[@]}" env ConnectionStrings__ComplexCases="$db" ASPNETCORE_URLS="http://127.0.0.1:0" \
  Pseudonyms__Key="$pseudonym_key" timeout 120 dotnet ComplexCases.Web.dll >"$work/refused.log" 2>"$work/refused.err")
refused_exit=$?
set -e
[ "$refused_exit" = 1 ] || fail "without a key ring certificate the site exited with $refused_exit, not 1: $(head -c 600 "$work/refused.err")"
grep -q '^The service did not start: DataProtection:Certificate:Path must be set in Production' "$work/refused.err" \
  || fail "without a key ring certificate stderr does not say what to set: $(head -c 600 "$work/refused.err")"
! grep -q '^ *at ' "$work/refused.err" || fail "the refused start printed a stack trace on stderr"

# Port 0: the system picks a free port; the application logs the address it listens on.
# The site runs on a fixed date (Debian's faketime, as the moved-clock tests use): /health/ready checks that the shipped
# bank holiday calendar covers today, and this check must not fail the day the real date passes the calendar.
faketime_library=$(bash scripts/ensure-faketime.sh) || fail "faketime unavailable"
fixed=(LD_PRELOAD="$faketime_library" FAKETIME="@2026-03-02 10:00:00" FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0)
(cd "$work/app/web" && exec "${as_app[@]}" env "${fixed[@]}" ConnectionStrings__ComplexCases="$db" ASPNETCORE_URLS="http://127.0.0.1:0" \
  ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Pseudonyms__Key="$pseudonym_key" \
  DataProtection__Certificate__Path="$work/secrets/key-ring.pfx" DataProtection__Certificate__Password="$pfx_password" \
  dotnet ComplexCases.Web.dll >"$work/web.log" 2>&1) &
web_pid=$!
base=""
for _ in $(seq 1 240); do
  base=$(grep -so 'http://127\.0\.0\.1:[0-9]\+' "$work/web.log" | head -n 1 || true)
  [ -n "$base" ] && curl -fs -o /dev/null "$base/health/live" && break
  kill -0 "$web_pid" 2>/dev/null || fail "the web application stopped on start"
  sleep 0.5
done
[ -n "$base" ] || fail "the web application did not say where it listens"
https=(-H "X-Forwarded-Proto: https")

[ "$(curl -fs "${https[@]}" "$base/health/live" | grep -o '"status":"Healthy"' | head -n 1)" = '"status":"Healthy"' ] \
  || fail "/health/live is not Healthy"
ready=$(curl -s "${https[@]}" "$base/health/ready")
grep -q '"status":"Healthy"' <<<"$ready" || fail "/health/ready: $ready"
info=$(curl -fs "${https[@]}" "$base/info")
grep -q "$version" <<<"$info" || fail "/info does not name version $version: $info"
grep -q "${commit:0:7}" <<<"$info" || fail "/info does not name commit $commit: $info"

sign_in() { # user, password -> the page the sign-in lands on
  local jar="$work/cookies.txt" token
  rm -f "$jar"
  token=$(curl -fs "${https[@]}" -c "$jar" "$base/sign-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p')
  [ -n "$token" ] || fail "no antiforgery token on /sign-in"
  curl -s "${https[@]}" -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
    --data-urlencode "UserName=$1" --data-urlencode "Password=$2" --data-urlencode "__RequestVerificationToken=$token" "$base/sign-in"
}
refused=$(sign_in smoke.admin "not-the-password")
[ "${refused%% *}" = 200 ] || fail "a wrong password was not refused on the sign-in page: $refused"
signed=$(sign_in smoke.admin "$password")
[ "${signed%% *}" = 302 ] || fail "the administrator could not sign in: $signed"
users=$(curl -s "${https[@]}" -b "$work/cookies.txt" -o "$work/users.html" -w '%{http_code}' "$base/admin/users")
[ "$users" = 200 ] && grep -q 'smoke.admin' "$work/users.html" || fail "/admin/users answered $users to the administrator"
# HSTS is never sent to loopback names, so this request names the host a load balancer would forward.
grep -qi 'strict-transport-security' <(curl -sI "${https[@]}" -H "Host: complex-cases.example" "$base/sign-in") \
  || fail "no HSTS header behind the TLS proxy"
grep -qi '^set-cookie:.*; secure' <(curl -sI "${https[@]}" "$base/sign-in") || fail "the sign-in page's cookie is not Secure behind the TLS proxy"
# The key ring as stored: each key's secret encrypted to the certificate, no key material in the clear.
keys=$(python3 -c 'import sqlite3, sys; print("\n".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT Xml FROM DataProtectionKeys")))' \
  "$work/data/complexcases.db") || fail "cannot read the key ring from the database"
[ -n "$keys" ] || fail "no data protection key in the database after a sign-in"
grep -q '<encryptedSecret' <<<"$keys" || fail "the stored data protection keys are not encrypted"
! grep -q '<masterKey' <<<"$keys" || fail "a data protection key is stored in the clear"
[ "$(stat -c %u "$work/data/complexcases.db")" = "$(${as_app[@]+"${as_app[@]}"} id -u)" ] || fail "the database is not the application user's"

echo "production smoke: passed (version $version, $base, as uid $(${as_app[@]+"${as_app[@]}"} id -u))"
