import ERP
import XCTest
import Secrets

/// What the profile loader relies on: defaults for everything not written, secrets by
/// reference only, and the tolerance arithmetic in Decimal.
final class ConfigurationTests: XCTestCase {
    func testPolicyDecodesWithDefaults() throws {
        let policy = try JSONDecoder().decode(ValidationPolicy.self, from: Data(#"{"priceMismatch":"reject","shortage":"change","priceTolerancePercent":0.5}"#.utf8))
        XCTAssertEqual(policy.priceMismatch, .reject)
        XCTAssertEqual(policy.shortage, .change)
        XCTAssertEqual(policy.priceTolerancePercent, Decimal(string: "0.5"))
        XCTAssertEqual(policy.priceToleranceAbsolute, Decimal(string: "0.01"))
        XCTAssertEqual(policy.creditHold, .hold)
        XCTAssertEqual(policy.priceCacheTTLSeconds, 60)
        XCTAssertThrowsError(try JSONDecoder().decode(ValidationPolicy.self, from: Data(#"{"shortage":"maybe"}"#.utf8)))
    }

    /// One policy, one set of keys: the profile's spelling, the older `--policy` JSON spelling
    /// still read, defaults for what is missing, and everything written back in one spelling.
    func testOnePolicyReadsTheProfileKeysAndTheOlderOnes() throws {
        let profileStyle = try JSONDecoder().decode(ValidationPolicy.self, from: Data(#"{"onPriceMismatch":"rejectOrder","onUnknownItem":"reject","priceTolerance":0.05,"onCurrencyMismatch":"hold","priceCacheSeconds":0}"#.utf8))
        XCTAssertEqual(profileStyle.priceMismatch, .rejectOrder)
        XCTAssertEqual(profileStyle.unknownItem, .rejectOrder, "`reject` is the older spelling of rejectOrder")
        XCTAssertEqual(profileStyle.priceToleranceAbsolute, Decimal(string: "0.05"))
        XCTAssertEqual(profileStyle.currencyMismatch, .hold)
        XCTAssertEqual(profileStyle.priceCacheTTLSeconds, 0)
        XCTAssertEqual(profileStyle.shortage, .backorder)
        let encoded = try JSONEncoder().encode(profileStyle)
        XCTAssertEqual(try JSONDecoder().decode(ValidationPolicy.self, from: encoded), profileStyle)
        let keys = try XCTUnwrap(try JSONSerialization.jsonObject(with: encoded) as? [String: Any]).keys.sorted()
        XCTAssertEqual(keys, ValidationPolicy.CodingKeys.allCases.map(\.rawValue).sorted())
        XCTAssertThrowsError(try JSONDecoder().decode(ValidationPolicy.self, from: Data(#"{"onUnknownItem":"ignore"}"#.utf8)))
        XCTAssertEqual(ValidationPolicy(priceToleranceAbsolute: -1).problems.map(\.key), ["priceTolerance"])
    }

    func testToleranceIsExactDecimal() {
        let policy = ValidationPolicy(priceTolerancePercent: 1, priceToleranceAbsolute: 0)
        XCTAssertTrue(policy.priceWithinTolerance(offered: Decimal(string: "10.10")!, net: 10))
        XCTAssertFalse(policy.priceWithinTolerance(offered: Decimal(string: "10.11")!, net: 10))
        XCTAssertTrue(policy.priceWithinTolerance(offered: Decimal(string: "9.90")!, net: 10))
        XCTAssertFalse(policy.priceWithinTolerance(offered: 1, net: 0))
        XCTAssertTrue(ValidationPolicy().priceWithinTolerance(offered: Decimal(string: "0.30")!, net: Decimal(string: "0.1")! * 3))
    }

    func testConnectionDecodesWithDefaultsAndSecretReference() throws {
        let json = #"{"baseURL":"https://erp.example/api","tokenURL":"https://erp.example/oauth/token","clientId":"gw","clientSecret":"file:/run/secrets/erp","requestTimeoutSeconds":3}"#
        let connection = try JSONDecoder().decode(ERPConnection.self, from: Data(json.utf8))
        XCTAssertEqual(connection.clientSecret, SecretReference(.file("/run/secrets/erp")))
        XCTAssertEqual(connection.requestTimeoutSeconds, 3)
        XCTAssertEqual(connection.maxAttempts, 3)
        XCTAssertEqual(connection.maxConcurrentRequests, 16)
        XCTAssertThrowsError(try JSONDecoder().decode(ERPConnection.self, from: Data(#"{"baseURL":"x","clientSecret":"hunter2"}"#.utf8)))
        let encoded = String(decoding: try JSONEncoder().encode(connection), as: UTF8.self)
        XCTAssertTrue(encoded.contains(#""clientSecret":"file:\/run\/secrets\/erp""#), encoded)
    }

    func testSecretReferenceResolves() throws {
        XCTAssertEqual(try SecretReference(parsing: "env:ERP_SECRET").resolve(environment: ["ERP_SECRET": "abc"]), "abc")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("erp-secret-\(UUID().uuidString)").path
        try "from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try SecretReference(parsing: "file:\(path)").resolve(), "from-file")
        XCTAssertThrowsError(try SecretReference(parsing: "env:NOPE").resolve(environment: [:]))
    }

    func testBackoffIsBoundedAndJittered() {
        let backoff = RetryBackoff(baseDelaySeconds: 0.1, maxDelaySeconds: 1)
        XCTAssertEqual(backoff.delay(beforeRetry: 1, random: 1), .milliseconds(100))
        XCTAssertEqual(backoff.delay(beforeRetry: 3, random: 1), .milliseconds(400))
        XCTAssertEqual(backoff.delay(beforeRetry: 10, random: 1), .milliseconds(1000))
        XCTAssertEqual(backoff.delay(beforeRetry: 3, random: 0.5), .milliseconds(200))
        XCTAssertEqual(backoff.delay(beforeRetry: 3, random: 0), .zero)
    }

    func testBreakerLetsOneTrialThroughWhenHalfOpen() throws {
        let breaker = CircuitBreaker(endpoint: "/x", failureThreshold: 2, openDuration: .seconds(1))
        let t0 = ContinuousClock.now
        breaker.recordFailure(now: t0)
        XCTAssertNoThrow(try breaker.admit(now: t0))
        breaker.recordFailure(now: t0)
        XCTAssertThrowsError(try breaker.admit(now: t0 + .milliseconds(500)))
        XCTAssertNoThrow(try breaker.admit(now: t0 + .seconds(2)), "trial call")
        XCTAssertThrowsError(try breaker.admit(now: t0 + .seconds(2)), "only one trial at a time")
        breaker.recordFailure(now: t0 + .seconds(2))
        XCTAssertThrowsError(try breaker.admit(now: t0 + .milliseconds(2500)), "failed trial reopens")
        XCTAssertNoThrow(try breaker.admit(now: t0 + .seconds(4)))
        breaker.recordSuccess()
        XCTAssertEqual(breaker.state, .closed)
    }

    func testATrialEndingNeutrallyDoesNotWedgeTheBreaker() throws {
        let breaker = CircuitBreaker(endpoint: "/x", failureThreshold: 1, openDuration: .seconds(1))
        let t0 = ContinuousClock.now
        breaker.recordFailure(now: t0)
        XCTAssertNoThrow(try breaker.admit(now: t0 + .seconds(2)), "trial call")
        // The trial failed on our side (bad credentials): the next call may try again.
        breaker.recordNeutral()
        XCTAssertNoThrow(try breaker.admit(now: t0 + .seconds(2)))
    }
}
