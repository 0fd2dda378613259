import ERP
import ERPService
import XCTest
import Secrets

/// OAuth2 client credentials against the reference service's real token endpoint.
final class OAuthTokenTests: XCTestCase {
    func testTokenIsReusedThenRefreshedBeforeExpiry() async throws {
        try await withReferenceERP(tokenLifetime: .seconds(2)) { erp in
            // Refresh when less than 1.5 s is left: the second token comes after ~0.5 s.
            let client = try erp.client { $0.tokenRefreshMarginSeconds = 1.5 }
            let validator = OrderValidator(client: client)
            _ = try await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(priceCacheTTLSeconds: 0), today: Orders.today).decided()
            XCTAssertEqual(erp.tokens?.issuedCount, 1, "four concurrent calls share one token")
            _ = try await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(priceCacheTTLSeconds: 0), today: Orders.today).decided()
            XCTAssertEqual(erp.tokens?.issuedCount, 1)
            try await Task.sleep(for: .milliseconds(600))
            _ = try await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(priceCacheTTLSeconds: 0), today: Orders.today).decided()
            XCTAssertEqual(erp.tokens?.issuedCount, 2, "refreshed before it expired")
            let fetched = await client.tokenProvider?.fetchCount
            XCTAssertEqual(fetched, 2)
        }
    }

    func testRevokedTokenIsReplacedOnce() async throws {
        try await withReferenceERP(tokenLifetime: .seconds(3600)) { erp in
            let client = try erp.client()
            _ = try await client.credit(CreditRequest(customerId: "C1001", amount: 1))
            erp.tokens?.revokeAll()
            let answer = try await client.credit(CreditRequest(customerId: "C1001", amount: 1))
            XCTAssertEqual(answer.decision, .approved)
            XCTAssertEqual(erp.tokens?.issuedCount, 2)
        }
    }

    func testCallsWithoutATokenAreRefusedAndWrongSecretHolds() async throws {
        try await withReferenceERP(tokenLifetime: .seconds(60)) { erp in
            let raw = try await ERPTestHTTP.send(.POST, erp.baseURL + "/v1/credit-checks", body: #"{"customerId":"C1001","amount":1}"#)
            XCTAssertEqual(raw.status, 401)
            XCTAssertTrue(raw.body.contains("bearer token required"), raw.body)

            setenv("EDIGATE_TEST_WRONG_SECRET", "guess", 1)
            let validator = try erp.validator { $0.clientSecret = SecretReference(.environment("EDIGATE_TEST_WRONG_SECRET")) }
            let held = await validator.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            XCTAssertEqual(held.holdReason, .erpUnavailable(.authentication(detail: "token endpoint answered HTTP 401")))

            let missing = try erp.validator { $0.clientSecret = SecretReference(.environment("EDIGATE_TEST_UNSET_SECRET")) }
            let unset = await missing.validate(Orders.xyzSample(), account: Orders.xyz, policy: ValidationPolicy(), today: Orders.today)
            XCTAssertEqual(unset.holdReason, .erpUnavailable(.configuration("secret env:EDIGATE_TEST_UNSET_SECRET cannot be read: environment variable not set")))
        }
    }

    func testTokenEndpointFollowsRFC6749() async throws {
        try await withReferenceERP(tokenLifetime: .seconds(60)) { erp in
            let form = try await ERPTestHTTP.send(.POST, erp.baseURL + "/oauth/token", body: "grant_type=client_credentials&client_id=edigate-test&client_secret=\(ReferenceERPFixture.secret)", headers: [("Content-Type", "application/x-www-form-urlencoded")])
            XCTAssertEqual(form.status, 200)
            let token = try JSONDecoder().decode(TokenResponse.self, from: Data(form.body.utf8))
            XCTAssertEqual(token.tokenType, "Bearer")
            XCTAssertEqual(token.expiresIn, 60)
            let wrongGrant = try await ERPTestHTTP.send(.POST, erp.baseURL + "/oauth/token", body: "grant_type=password")
            XCTAssertEqual(wrongGrant.status, 400)
            XCTAssertTrue(wrongGrant.body.contains("unsupported_grant_type"))
        }
    }
}
