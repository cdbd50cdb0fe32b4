#!/usr/bin/env bash
# Builds the benchmarks and runs them; see docs/BENCHMARKS.md.
#   benchmarks/run.sh jmh  [JMH options]        JMH with -prof gc, about 5 minutes; e.g. benchmarks/run.sh jmh TrackBenchmark
#   benchmarks/run.sh load [--name=value ...]   the load driver, about 4 minutes
#   benchmarks/run.sh all                       both
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
shift || true

if [ "${SKIP_BUILD:-}" != "1" ]; then
  if grep -q "<module>benchmarks</module>" pom.xml; then
    ./mvnw -B -ntp -q -Dskip.library.jars -DskipTests -pl benchmarks -am package
  else
    # Not yet a module of the build: install what it depends on, then build it alone.
    ./mvnw -B -ntp -q -Dskip.library.jars -DskipTests install \
      -pl snowplow-iglu,snowplow-test-collector,snowplow-tracker-core,snowplow-spring-boot-starter
    ./mvnw -B -ntp -q -Dskip.library.jars -f benchmarks/pom.xml package
  fi
fi

jar=benchmarks/target/benchmarks.jar
echo "nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

case "$what" in
  jmh)
    java -jar "$jar" -prof gc -rf json -rff benchmarks/target/jmh-results.json "$@" | tee benchmarks/target/jmh.txt ;;
  load)
    java -Xmx1g -cp "$jar" io.github.snowplowspring.benchmarks.load.LoadDriver "$@" ;;
  all)
    java -jar "$jar" -prof gc -rf json -rff benchmarks/target/jmh-results.json | tee benchmarks/target/jmh.txt
    java -Xmx1g -cp "$jar" io.github.snowplowspring.benchmarks.load.LoadDriver ;;
  *)
    echo "usage: benchmarks/run.sh [jmh|load|all] [options]" >&2
    exit 2 ;;
esac
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
