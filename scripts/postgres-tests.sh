#!/usr/bin/env bash
# The store's behavioural tests again, on PostgreSQL: every test class of GatewayTests that
# `swift test` ran on SQLite (the store, the pipeline, the outbox, replay, invoices, leases, the
# CLI killed at every step), with EDIGATE_TEST_STORE=postgres: Tests/StoreHarness starts a
# throw-away server on loopback as an unprivileged user and stops it when the tests end. Left
# out: the classes about the SQLite file itself (its upgrade path, read-only opening, the audit
# CLI on a copied file, free disk space) and PostgresStoreTests (run by `swift test` already).
# Then the test that only means something on a shared server: scripts/postgres-instances.sh
# (two instances, kill -9 of one mid-batch).
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
sqlite_only='AuditAnchorTests|AuditCommandTests|StatusCommandTests|GatewayDatabaseTests|PostgresStoreTests'
EDIGATE_TEST_STORE=postgres $SWIFT test --skip-build --disable-swift-testing --filter GatewayTests --skip "$sqlite_only"
scripts/postgres-instances.sh
