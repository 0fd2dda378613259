import XCTest
@testable import ERP
