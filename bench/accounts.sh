# Sourced by the web benchmarks. Their databases hold no demo (the demo never touches a database whose runs it did not
# make), so the accounts are made as an operator makes them, with `complexcases admin create`. The password is random,
# made once per bench folder and kept there: nothing secret is written into the repository.
bench_password() { # work folder -> the folder's bench password
  local file="$1/bench-password"
  [ -s "$file" ] || (umask 077 && printf 'Bench-%s\n' "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" >"$file")
  cat "$file"
}

bench_account() { # cli db work user role [more admin create options...]: made once (an existing one is kept)
  local cli="$1" db="$2" work="$3" user="$4" role="$5"; shift 5
  bench_password "$work" | "$cli" admin create --user "$user" --role "$role" "$@" --password-stdin --db "$db" >/dev/null 2>&1 || true
}

bench_cookie() { # base url, user, work folder -> "complexcases=..." for a signed-in session
  local base="$1" user="$2" work="$3" jar token
  jar="$work/cookies-$user.txt"; rm -f "$jar"
  token=$(curl -fs -c "$jar" "$base/sign-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p')
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=$user" --data-urlencode "Password=$(bench_password "$work")" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/sign-in"
  awk '$6 == "complexcases" {print "complexcases=" $7}' "$jar"
}

bench_busiest_pdu_sqlite() { # SQLite file -> the PDU with the most listed cases in the latest run
  command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; return 2; }
  sqlite3 -readonly "$1" "SELECT PduCode FROM listed_cases WHERE RunId = (SELECT max(Id) FROM screening_runs) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
}
