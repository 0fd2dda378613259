#!/usr/bin/env bash
# The store's behavioural tests again, on PostgreSQL: the same test classes `swift test` ran
# on SQLite, with EDIGATE_TEST_STORE=postgres (Tests/StoreHarness starts a throw-away server on
# loopback as an unprivileged user and stops it when the tests end), plus the tests that only
# mean something on a shared server (scripts/postgres-instances.sh: two instances, kill -9 of one mid-batch).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
suites=(
  InboundRecordingTests InboundLifecycleTests InboundPickupRecordingTests DurableControlNumberSourceTests
  OutboundAcknowledgmentTests AuditTrailTests ExactlyOnceTests GatewayPipelineTests ContentFolderTests
  PartnerPollLeaseTests
)
filter=$(IFS='|'; echo "${suites[*]}")
EDIGATE_TEST_STORE=postgres $SWIFT test --skip-build --disable-swift-testing --filter "$filter"
scripts/postgres-instances.sh
