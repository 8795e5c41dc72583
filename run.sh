#!/usr/bin/env bash
# Builds Microworks and starts it with everything embedded: the demo system of record on :8081 and
# the server on :8080 with an embedded PostgreSQL whose data stays in ./data/pg. Ctrl-C stops both.
# Needs only JDK 17 and Maven. Ports: SERVER_PORT, DEMO_SOR_PORT. Plain HTTP on this machine only,
# so the session cookie goes without its Secure flag here (microworks.identity.secure-cookie).
set -euo pipefail
cd "$(dirname "$0")"

server_port=${SERVER_PORT:-8080}
sor_port=${DEMO_SOR_PORT:-8081}
version=0.1.0-SNAPSHOT

echo "Building (tests skipped; run 'mvn -B verify' for those)..."
mvn -B -q -DskipTests package

mkdir -p data/logs
if [ ! -f data/master.key ]; then
  # the wallet's master key for this demo installation (a real one belongs in a secret store)
  (umask 077; head -c 32 /dev/urandom | base64 > data/master.key)
fi
java -jar "demo-sor/target/demo-sor-$version-exec.jar" --server.port="$sor_port" \
  > data/logs/demo-sor.log 2>&1 &
sor_pid=$!
server_pid=
stop_all() {
  trap - EXIT INT TERM
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  kill "$sor_pid" 2>/dev/null
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$sor_port") 2>/dev/null && break
  kill -0 "$sor_pid" 2>/dev/null || { echo "demo SoR failed to start; see data/logs/demo-sor.log"; exit 1; }
  sleep 0.5
done

cat <<BANNER

  Microworks is starting.
    Server        http://127.0.0.1:$server_port      health: http://127.0.0.1:$server_port/actuator/health
    Demo SoR      http://127.0.0.1:$sor_port      (docs/demo-sor.md; log: data/logs/demo-sor.log)
    Database      embedded PostgreSQL, data in ./data/pg (kept across restarts)
    Wallet        master key in data/master.key (made at the first start; keep it with the data)
  Demo logins (demo SoR): alice / demo, bob / demo, carol / demo
  Demo accounts (Microworks): alice@demo.microworks.dev / microworks-demo (bob, carol alike)
  Demo SoR service account: API key 'demo-api-key', OAuth client 'microworks-sync'
  The demo integration 'demo-sor-offset' is created and synced at start.
  Sign in: http://127.0.0.1:$server_port/login as admin@localhost; the first password is the token in
       data/bootstrap-token (written at the first start only), then you choose your own.
  API: http://127.0.0.1:$server_port/swagger-ui/index.html with that token, e.g.
       curl -H "Authorization: Bearer \$(cat data/bootstrap-token)" http://127.0.0.1:$server_port/api/v1/integrations
  Stop with Ctrl-C.

BANNER

java -jar "server/target/microworks-server-$version-exec.jar" --server.port="$server_port" \
  --microworks.demo.enabled=true --microworks.demo.sor-url="http://127.0.0.1:$sor_port" \
  --microworks.identity.bootstrap.token-file=data/bootstrap-token \
  --microworks.identity.secure-cookie=false \
  --microworks.wallet.local.master-key-file=data/master.key &
server_pid=$!
wait "$server_pid"
