import ArgumentParser

@main
struct EDIGateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edigate",
        abstract: "EDIGate: an X12 EDI trading-partner gateway.",
        version: EDIGateVersion.current,
        subcommands: [ParseCommand.self, ValidateCommand.self, PartnerCommand.self, TranslateCommand.self, GenerateCommand.self, AcknowledgmentsCommand.self, ERPCommand.self, AuditCommand.self, GatewayCommand.self, ConsoleCommand.self, ServeCommand.self, StatusCommand.self, StoreCommand.self, TraceCommand.self, MapsCommand.self]
    )
}

enum EDIGateVersion {
    static let current = "0.1.0"
}
