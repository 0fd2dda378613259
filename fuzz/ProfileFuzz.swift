// libFuzzer target over the YAML partner-profile loader (compiled by scripts/fuzz.sh with the
// sources of the modules `Partners` reads through — X12, Documents, Mapping, Secrets, the ERP
// contract and policy, Transport — as one module; Yams and libssh2 linked). Any bytes go to
// `PartnerProfileLoader.parse`; a crash, leak, timeout or memory beyond the limit is a finding.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = try? PartnerProfileLoader.parse(text: text, file: "fuzz/partner.yaml")
    return 0
}
