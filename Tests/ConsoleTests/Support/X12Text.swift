import Foundation

/// Small interchanges written out in full, with an ISA of the exact fixed width.
enum X12Text {
    static func isa(sender: String, receiver: String, control: String) -> String {
        func pad(_ value: String, _ width: Int) -> String { value.padding(toLength: width, withPad: " ", startingAt: 0) }
        return "ISA*00*\(pad("", 10))*00*\(pad("", 10))*ZZ*\(pad(sender, 15))*ZZ*\(pad(receiver, 15))*261126*1200*U*00401*\(control)*0*P*>~"
    }

    /// An 850 from ACME; `po` makes each file's bytes (and so its record) distinct.
    static func purchaseOrder(po: String) -> String {
        isa(sender: "ACME", receiver: "DISTRIBUTOR", control: "000000001")
            + "GS*PO*ACME*DISTRIBUTOR*20261126*1200*1*X*004010~"
            + "ST*850*0001~BEG*00*SA*\(po)**20261126~SE*3*0001~"
            + "GE*1*1~IEA*1*000000001~"
    }

    /// An 855 we (DISTRIBUTOR) send to ACME: one group, two sets.
    static func orderAcknowledgment(interchange: String, group: String) -> String {
        isa(sender: "DISTRIBUTOR", receiver: "ACME", control: interchange)
            + "GS*PR*DISTRIBUTOR*ACME*20261126*1200*\(group)*X*004010~"
            + "ST*855*0001~BAK*00*AD*PO1*20261126~SE*3*0001~"
            + "ST*855*0002~BAK*00*AD*PO2*20261126~SE*3*0002~"
            + "GE*2*\(group)~IEA*1*\(interchange)~"
    }

    /// ACME's 997 for one of those groups: set 0001 accepted, set 0002 rejected.
    static func functionalAcknowledgment(group: String) -> String {
        isa(sender: "ACME", receiver: "DISTRIBUTOR", control: "000000501")
            + "GS*FA*ACME*DISTRIBUTOR*20261126*1300*501*X*004010~"
            + "ST*997*0001~AK1*PR*\(group)~AK2*855*0001~AK5*A~AK2*855*0002~AK5*R*5~AK9*P*2*2*1~SE*8*0001~"
            + "GE*1*501~IEA*1*000000501~"
    }
}
