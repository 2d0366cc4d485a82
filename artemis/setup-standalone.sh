#!/usr/bin/env bash
# Creates (once) and starts a standalone Artemis broker for the production profile, from the official
# distribution on Maven Central. Usage:
#   BROKER_PASSWORD=change-me artemis/setup-standalone.sh [start|stop|status]
# Environment: ARTEMIS_VERSION (2.40.0), ARTEMIS_BASE (target/artemis), BROKER_USER (ingest), BROKER_PASSWORD,
# BROKER_PORT (61616), BROKER_STOMP_PORT (61613), BROKER_CONSOLE_PORT (8161; fixed when the instance is created).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${ARTEMIS_VERSION:-2.40.0}
base=${ARTEMIS_BASE:-target/artemis}
instance="$base/instance"
user=${BROKER_USER:-ingest}
core_port=${BROKER_PORT:-61616}
stomp_port=${BROKER_STOMP_PORT:-61613}
console_port=${BROKER_CONSOLE_PORT:-8161}
action=${1:-start}

distribution() {
  if [ ! -x "$base/apache-artemis-$version/bin/artemis" ]; then
    mkdir -p "$base"
    mvn -q -B dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$version:tar.gz:bin" \
      -DoutputDirectory="$base" -Dmdep.stripVersion=false
    tar -xzf "$base/apache-artemis-$version-bin.tar.gz" -C "$base"
  fi
}

create_instance() {
  if [ -f "$instance/etc/broker.xml" ]; then
    return
  fi
  if [ -z "${BROKER_PASSWORD:-}" ]; then
    echo "Set BROKER_PASSWORD: the broker requires a login (the app reads the same variable)." >&2
    exit 2
  fi
  "$base/apache-artemis-$version/bin/artemis" create "$instance" --silent --no-autotune \
    --user "$user" --password "$BROKER_PASSWORD" --role ingest --require-login \
    --host 127.0.0.1 --http-host 127.0.0.1 --http-port "$console_port" --no-amqp-acceptor --no-hornetq-acceptor --no-mqtt-acceptor
  cp artemis/broker-standalone.xml "$instance/etc/broker.xml"
  echo "Broker instance created in $instance (user $user, role ingest)"
}

case "$action" in
  start)
    distribution
    create_instance
    # broker-standalone.xml reads its acceptor ports from these system properties.
    JAVA_ARGS_APPEND="${JAVA_ARGS_APPEND:-} -Dbenchmarkos.broker.port=$core_port -Dbenchmarkos.broker.stomp-port=$stomp_port" \
      "$instance/bin/artemis-service" start
    console=$(sed -n 's/.*uri="\(http:[^"]*\)".*/\1/p' "$instance/etc/bootstrap.xml" | head -1)
    echo "Broker starting: core tcp://127.0.0.1:$core_port, STOMP 127.0.0.1:$stomp_port, console ${console:-?}/console"
    ;;
  stop|status)
    if [ ! -x "$instance/bin/artemis-service" ]; then
      echo "No broker instance in $instance yet: '$0 start' creates and starts one." >&2
      exit 3
    fi
    "$instance/bin/artemis-service" "$action"
    ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
